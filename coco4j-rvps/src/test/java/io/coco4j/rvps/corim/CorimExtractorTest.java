package io.coco4j.rvps.corim;

import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.MutableClock;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.InvalidMessageException;
import io.coco4j.rvps.ProvenanceException;
import io.coco4j.rvps.Registration;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CorimExtractorTest {

    private static final String NAME = "ACME/RoadRunner/31fb5abf-023e-4992-aa4e-95f9c1503bfa/digests";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T00:00:00Z"));
    private final InMemoryReferenceValueStore store = new InMemoryReferenceValueStore();

    private static byte[] unsigned() throws Exception {
        return Files.readAllBytes(TestVectors.resolve("rvps/unsigned-example-corim.cbor"));
    }

    private BuiltinReferenceValueProvider rvps(CorimExtractor extractor) {
        return BuiltinReferenceValueProvider.builder(store).extractor(extractor).clock(clock).build();
    }

    private static String message(byte[] cbor) {
        return "{\"version\":\"0.1.0\",\"type\":\"corim\",\"payload\":\"" + Base64.getEncoder().encodeToString(cbor) + "\"}";
    }

    @Test
    void theUnsignedExampleYieldsTheNamedValuesInDocumentOrder() throws Exception {
        List<CorimExtractor.NamedValue> values = CorimExtractor.referenceValues(unsigned());
        assertThat(values).hasSize(3);
        assertThat(values.get(2).name()).isEqualTo(NAME);
        assertThat(values.get(2).value().get(0).asText()).isEqualTo("a3a5e715f0cc574a73c3f9bebb6bc24f32ffd5b67b387244c2c909da779a1478");
    }

    @Test
    void unsignedCorimsRegisterOnlyWhenAllowedAndMergeDigestsOfOneName() throws Exception {
        assertThatThrownBy(() -> rvps(new CorimExtractor(List.of(), false)).register(message(unsigned())))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("allow_unsigned");
        assertThat(store.list()).isEmpty();

        Registration registration = rvps(new CorimExtractor(List.of(), true)).submit(message(unsigned()));
        assertThat(registration.names()).containsExactly(NAME);
        assertThat(store.get(NAME).orElseThrow().value()).isEqualTo(Json.readTree("[\"87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7\","
                + "\"0263829989b6fd954f72baaf2fc64bc2e2f01d692d4de72986ea808f6e99813f\","
                + "\"a3a5e715f0cc574a73c3f9bebb6bc24f32ffd5b67b387244c2c909da779a1478\"]"));
        assertThat(store.get(NAME).orElseThrow().provenance().signerKeyIds()).isEmpty();
    }

    /** COSE_Sign1 over the tagged unsigned CoRIM, as a signed CoRIM is made. */
    private static byte[] sign(byte[] unsignedCorim, KeyPair key, int algorithm, String jca) throws Exception {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(0xa2); // {1: alg, 3: "application/rim+cbor"}
        header.write(0x01);
        if (algorithm < 0) {
            CoseSign1.head(header, 1, -1L - algorithm);
        }
        header.write(0x03);
        byte[] type = "application/rim+cbor".getBytes(StandardCharsets.US_ASCII);
        CoseSign1.head(header, 3, type.length);
        header.writeBytes(type);
        byte[] protectedHeader = header.toByteArray();
        Signature signer = Signature.getInstance(jca);
        signer.initSign(key.getPrivate());
        signer.update(CoseSign1.sigStructure(protectedHeader, unsignedCorim));
        byte[] signature = signer.sign();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xd2); // #6.18
        out.write(0x84);
        CoseSign1.head(out, 2, protectedHeader.length);
        out.writeBytes(protectedHeader);
        out.write(0xa0);
        CoseSign1.head(out, 2, unsignedCorim.length);
        out.writeBytes(unsignedCorim);
        CoseSign1.head(out, 2, signature.length);
        out.writeBytes(signature);
        return out.toByteArray();
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    @Test
    void signedCorimsVerifyWithAConfiguredKey() throws Exception {
        KeyPair p256 = ec("secp256r1");
        KeyPair p384 = ec("secp384r1");
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        List<PublicKey> keys = List.of(p384.getPublic(), p256.getPublic(), ed.getPublic());
        BuiltinReferenceValueProvider rvps = rvps(new CorimExtractor(keys, false));

        Registration es256 = rvps.submit(message(sign(unsigned(), p256, CoseSign1.ES256, "SHA256withECDSAinP1363Format")));
        assertThat(es256.names()).containsExactly(NAME);
        assertThat(store.get(NAME).orElseThrow().provenance().signerKeyIds()).containsExactly(CorimExtractor.fingerprint(p256.getPublic()));
        assertThat(rvps.submit(message(sign(unsigned(), p384, CoseSign1.ES384, "SHA384withECDSAinP1363Format"))).names()).containsExactly(NAME);
        assertThat(rvps.submit(message(sign(unsigned(), ed, CoseSign1.EDDSA, "Ed25519"))).names()).containsExactly(NAME);
    }

    @Test
    void signedCorimsWithAnUnknownKeyOrTamperedPayloadAreRefused() throws Exception {
        KeyPair trusted = ec("secp256r1");
        KeyPair stranger = ec("secp256r1");
        BuiltinReferenceValueProvider rvps = rvps(new CorimExtractor(List.of(trusted.getPublic()), true));

        assertThatThrownBy(() -> rvps.register(message(sign(unsigned(), stranger, CoseSign1.ES256, "SHA256withECDSAinP1363Format"))))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("no configured CoRIM signing key verifies");

        byte[] signed = sign(unsigned(), trusted, CoseSign1.ES256, "SHA256withECDSAinP1363Format");
        byte[] digest = java.util.HexFormat.of().parseHex("a3a5e715f0cc574a73c3f9bebb6bc24f32ffd5b67b387244c2c909da779a1478");
        int at = indexOf(signed, digest);
        signed[at] ^= 1;
        assertThatThrownBy(() -> rvps.register(message(signed)))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("verifies its signature");

        assertThatThrownBy(() -> rvps(new CorimExtractor(List.of(), true))
                .register(message(sign(unsigned(), trusted, CoseSign1.ES256, "SHA256withECDSAinP1363Format"))))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("corim.signing_keys");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void malformedCorimsAreRefused() throws Exception {
        BuiltinReferenceValueProvider rvps = rvps(new CorimExtractor(List.of(), true));
        for (byte[] bad : List.of(new byte[0], new byte[] {(byte) 0xa1}, "not cbor at all".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0x83, 1, 2, 3}, new byte[] {(byte) 0xd2, (byte) 0x82, 1, 2})) {
            assertThatThrownBy(() -> rvps.register(message(bad))).as(java.util.HexFormat.of().formatHex(bad))
                    .isInstanceOf(InvalidMessageException.class);
        }
        assertThatThrownBy(() -> rvps.register("{\"type\":\"corim\",\"payload\":\"***\"}")).isInstanceOf(InvalidMessageException.class);
        assertThat(store.list()).isEmpty();
    }

    @Test
    void leadingWrapperTagsAreStripped() throws Exception {
        byte[] plain = unsigned();
        byte[] wrapped = new byte[plain.length + 6];
        wrapped[0] = (byte) 0xd9;
        wrapped[1] = 0x01;
        wrapped[2] = (byte) 0xf4;
        wrapped[3] = (byte) 0xd9;
        wrapped[4] = 0x01;
        wrapped[5] = (byte) 0xf6;
        System.arraycopy(plain, 0, wrapped, 6, plain.length);
        assertThat(CorimExtractor.referenceValues(wrapped)).hasSize(3);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
