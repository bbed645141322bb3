package io.coco4j.image.keywrap;

import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyWrapTest {

    private static final byte[] OPTS = "{\"symkey\":\"AA==\",\"digest\":\"sha256:00\",\"cipheroptions\":{}}".getBytes(StandardCharsets.US_ASCII);
    private static final ResourceUri KID = ResourceUri.parse("kbs:///default/image-kek/1");

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static byte[] kek(int fill) {
        byte[] kek = new byte[32];
        Arrays.fill(kek, (byte) fill);
        return kek;
    }

    @Test
    void jweRoundTripsWithRsaAndEcRecipients() throws Exception {
        KeyPair rsa = rsa();
        KeyPair p256 = ec("secp256r1");
        KeyPair p384 = ec("secp384r1");
        List<byte[]> entries = new JweKeyWrapper(List.of(rsa.getPublic(), p256.getPublic(), p384.getPublic())).wrap(OPTS);
        assertThat(entries).hasSize(3);
        String header = new String(Base64.getUrlDecoder().decode(
                io.coco4j.protocol.json.Json.readTree(entries.get(0)).get("protected").asText()), StandardCharsets.UTF_8);
        assertThat(header).contains("\"RSA-OAEP\"").contains("\"A256GCM\"");
        assertThat(new JweKeyUnwrapper(List.of(rsa.getPrivate())).unwrap(entries.get(0))).isEqualTo(OPTS);
        assertThat(new JweKeyUnwrapper(List.of(p256.getPrivate())).unwrap(entries.get(1))).isEqualTo(OPTS);
        assertThat(new JweKeyUnwrapper(List.of(rsa.getPrivate(), p384.getPrivate())).unwrap(entries.get(2))).isEqualTo(OPTS);
    }

    @Test
    void jweRefusesTheWrongKeyAndGarbage() throws Exception {
        byte[] entry = new JweKeyWrapper(List.of(rsa().getPublic())).wrap(OPTS).get(0);
        JweKeyUnwrapper other = new JweKeyUnwrapper(List.of(rsa().getPrivate()));
        assertThatThrownBy(() -> other.unwrap(entry)).isInstanceOf(KeyUnwrapException.class).hasMessageContaining("opens");
        assertThatThrownBy(() -> other.unwrap("not json".getBytes())).isInstanceOf(KeyUnwrapException.class);
    }

    /** A P-256 layer-key JWE whose protected header is replaced by {@code headerJson}, and the key to unwrap it. */
    private record Rewrapped(KeyPair keys, byte[] entry) {
    }

    private static Rewrapped withProtectedHeader(String headerJson) throws Exception {
        KeyPair p256 = ec("secp256r1");
        String entry = new String(new JweKeyWrapper(List.of(p256.getPublic())).wrap(OPTS).get(0), StandardCharsets.UTF_8);
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString(headerJson.getBytes(StandardCharsets.UTF_8));
        String changed = entry.replaceFirst("\"protected\":\"[^\"]*\"", "\"protected\":\"" + header + "\"");
        assertThat(changed).isNotEqualTo(entry);
        return new Rewrapped(p256, changed.getBytes(StandardCharsets.UTF_8));
    }

    private static final String EPK = "\"epk\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"RJbXACCHSq9q0D2UXujYWU-bmII_jwWUxOdfaeYP23E\","
            + "\"y\":\"lzt4Nvj2M9LC6KkYIOuXM0KsQGqeiWQY4FaTAhXOYWk\"}";

    @Test
    void jweWithoutAnEncryptionMethodIsRefusedNotAnNpe() throws Exception {
        // found by fuzzing (JweKeyUnwrapFuzzTest): the JWE parser threw NullPointerException here
        Rewrapped noEnc = withProtectedHeader("{\"alg\":\"ECDH-ES+A256KW\"," + EPK + "}");
        assertThatThrownBy(() -> new JweKeyUnwrapper(List.of(noEnc.keys().getPrivate())).unwrap(noEnc.entry()))
                .isInstanceOf(KeyUnwrapException.class).hasMessageContaining("not a JSON-serialised JWE");
    }

    @Test
    void jweWithoutAKeyManagementAlgorithmIsRefusedNotAnNpe() throws Exception {
        // found by fuzzing (JweKeyUnwrapFuzzTest): the accepted-algorithm check threw NullPointerException
        Rewrapped noAlg = withProtectedHeader("{\"al_\":\"ECDH-ES+A256KW\",\"enc\":\"A256GCM\"," + EPK + "}");
        assertThatThrownBy(() -> new JweKeyUnwrapper(List.of(noAlg.keys().getPrivate())).unwrap(noAlg.entry()))
                .isInstanceOf(KeyUnwrapException.class).hasMessageContaining("no key management algorithm");
    }

    @Test
    void attestationAgentRoundTripsAndNamesTheKid() throws Exception {
        byte[] packetJson = new AttestationAgentKeyWrapper(KID, kek(7)).wrap(OPTS).get(0);
        AnnotationPacket packet = AnnotationPacket.parse(packetJson);
        assertThat(packet.kid()).isEqualTo("kbs:///default/image-kek/1");
        assertThat(packet.wrapType()).isEqualTo("A256GCM");
        assertThat(Base64.getDecoder().decode(packet.iv())).hasSize(12);
        assertThat(new String(packetJson, StandardCharsets.US_ASCII)).startsWith("{\"kid\":").doesNotContain("version");
        assertThat(new AttestationAgentKeyUnwrapper(kid -> kek(7)).unwrap(packetJson)).isEqualTo(OPTS);
    }

    @Test
    void wrongKekIsReported() throws Exception {
        byte[] packet = new AttestationAgentKeyWrapper(KID, kek(7)).wrap(OPTS).get(0);
        assertThatThrownBy(() -> new AttestationAgentKeyUnwrapper(kid -> kek(8)).unwrap(packet))
                .isInstanceOf(KeyUnwrapException.class).hasMessageContaining("does not open with this KEK");
        assertThatThrownBy(() -> new AttestationAgentKeyUnwrapper(kid -> new byte[16]).unwrap(packet))
                .isInstanceOf(KeyUnwrapException.class).hasMessageContaining("16 bytes");
    }

    @Test
    void alteredWrappedDataIsDetected() throws Exception {
        AnnotationPacket packet = new AttestationAgentKeyWrapper(KID, kek(7)).packet(OPTS);
        byte[] wrapped = Base64.getDecoder().decode(packet.wrappedData());
        wrapped[0] ^= 1;
        AnnotationPacket altered = AnnotationPacket.v1(packet.kid(), Base64.getEncoder().encodeToString(wrapped), packet.iv(), packet.wrapType());
        assertThatThrownBy(() -> new AttestationAgentKeyUnwrapper(kid -> kek(7)).unwrap(altered))
                .isInstanceOf(KeyUnwrapException.class);
    }

    @Test
    void unknownWrapTypeOtherProvidersAndBadPacketsAreRefused() throws Exception {
        AnnotationPacket packet = new AttestationAgentKeyWrapper(KID, kek(7)).packet(OPTS);
        AttestationAgentKeyUnwrapper unwrapper = new AttestationAgentKeyUnwrapper(kid -> kek(7));
        assertThatThrownBy(() -> unwrapper.unwrap(AnnotationPacket.v1(packet.kid(), packet.wrappedData(), packet.iv(), "A128KW")))
                .hasMessageContaining("unknown wrap_type 'A128KW'");
        AnnotationPacket aws = new AnnotationPacket(packet.kid(), packet.wrappedData(), packet.iv(), packet.wrapType(), "0.1.0", "aws", null, null);
        assertThatThrownBy(() -> unwrapper.unwrap(aws)).hasMessageContaining("KMS provider 'aws'");
        AnnotationPacket v9 = new AnnotationPacket(packet.kid(), packet.wrappedData(), packet.iv(), packet.wrapType(), "9.9.9", null, null, null);
        assertThatThrownBy(() -> unwrapper.unwrap(v9)).hasMessageContaining("version '9.9.9'");
        assertThatThrownBy(() -> unwrapper.unwrap(AnnotationPacket.v1("/default/image-kek/x", packet.wrappedData(), packet.iv(), packet.wrapType())))
                .hasMessageContaining("not a KBS resource URI");
        assertThatThrownBy(() -> unwrapper.unwrap(AnnotationPacket.v1(packet.kid(), packet.wrappedData(), null, packet.wrapType())))
                .hasMessageContaining("lacks wrap_type or iv");
        assertThatThrownBy(() -> unwrapper.unwrap("[1,2]".getBytes())).isInstanceOf(KeyUnwrapException.class);
    }

    @Test
    void legacyA256CtrPacketsDecrypt() throws Exception {
        byte[] iv = new byte[16];
        iv[15] = 9;
        byte[] wrapped = WrapType.A256CTR.encrypt(kek(3), iv, OPTS);
        AnnotationPacket packet = AnnotationPacket.v1(KID.toString(), Base64.getEncoder().encodeToString(wrapped),
                Base64.getEncoder().encodeToString(iv), "A256CTR");
        assertThat(new AttestationAgentKeyUnwrapper(kid -> kek(3)).unwrap(packet)).isEqualTo(OPTS);
    }

    @Test
    void keyFilesReadPemAndDer() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("keys");
        KeyPair pair = ec("secp256r1");
        java.nio.file.Path der = dir.resolve("pub.der");
        java.nio.file.Files.write(der, pair.getPublic().getEncoded());
        assertThat(KeyFiles.readPublicKey(der)).isEqualTo(pair.getPublic());
        java.nio.file.Path pem = dir.resolve("priv.pem");
        java.nio.file.Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        assertThat(KeyFiles.readPrivateKey(pem).getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
        java.nio.file.Files.writeString(dir.resolve("junk"), "hello");
        assertThatThrownBy(() -> KeyFiles.readPublicKey(dir.resolve("junk"))).hasMessageContaining("neither PEM");
    }
}
