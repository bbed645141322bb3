package io.coco4j.protocol.jose;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceJweTest {

    private static final byte[] SECRET = "a resource secret \u00e9".getBytes(StandardCharsets.UTF_8);

    @Test
    void decryptsTheGuestSpecVectorB2() throws Exception {
        TeeKeyPair guest = TeeKeyPair.of(TeeKeyAlgorithm.EC_P256, FixedKeys.p256(0x11));
        assertThat(guest.publicJwk()).isEqualTo(new EcTeePublicKey("P-256", "ECDH-ES+A256KW",
                "AhfmF_C2RDkoJ4-WmZ5pojpPLBUr321s32bluAKC1O0", "GUp968uXcS0t2jyoWqh2Wlb0X8dYWZZS8ol8ZTBuV5Q"));
        JweResponse jwe = new JweResponse(
                "eyJhbGciOiJFQ0RILUVTK0EyNTZLVyIsImVuYyI6IkEyNTZHQ00iLCJlcGsiOnsiY3J2IjoiUC0yNTYiLCJrdHkiOiJFQyIsIngiOiIxbHFUbDN5cVBSc0lHRkxfVjZlZVJsOFdZRmR6QkxycTFRWGRPa2hZblBNIiwieSI6IlVCaGVpVk55MzJJaDZqb1RkVmZrY18zYloxWHdXOVVIdzhVel9PbkpFb1UifX0",
                "u_HrIZgHkkpjzQpYvc1sSJ4w27q374_8Y7knCG_QSPD3wZJcxcQm6Q",
                "AAECAwQFBgcICQoL", "M2elb-WGrXX5JPn_", "-lE5jsTpteOKAcnafgHGxw");
        assertThat(new String(ResourceDecryptor.decrypt(jwe, guest), StandardCharsets.US_ASCII)).isEqualTo("test content");
    }

    @Test
    void concatKdfMatchesTheVectorB2() throws Exception {
        // Z for the vector's two fixed keys, then the KEK the spec gives
        var guest = FixedKeys.p256(0x11);
        var kbs = FixedKeys.p256(0x22);
        var agreement = javax.crypto.KeyAgreement.getInstance("ECDH");
        agreement.init(kbs.getPrivate());
        agreement.doPhase(guest.getPublic(), true);
        byte[] kek = ConcatKdf.deriveA256Kek(agreement.generateSecret(), "ECDH-ES+A256KW");
        assertThat(HexFormat.of().formatHex(kek)).isEqualTo("d7e537724d9524d1274eb2ec3739f3c7b40bce85c595d28f826a9697744d8414");
    }

    @ParameterizedTest
    @EnumSource(TeeKeyAlgorithm.class)
    void roundTripsForEveryGuestKeyType(TeeKeyAlgorithm algorithm) throws Exception {
        TeeKeyPair guest = TeeKeyPair.generate(algorithm);
        JweResponse jwe = new ResourceEncryptor().encrypt(SECRET, guest.publicJwk(), TeePublicKey.KeyPolicy.DEFAULT);
        assertThat(ResourceDecryptor.decrypt(jwe, guest)).isEqualTo(SECRET);
    }

    @ParameterizedTest
    @EnumSource(TeeKeyAlgorithm.class)
    void protectedHeaderIsTheCanonicalCompactFormTheRustClientRebuilds(TeeKeyAlgorithm algorithm) throws Exception {
        TeeKeyPair guest = TeeKeyPair.generate(algorithm);
        JweResponse jwe = new ResourceEncryptor().encrypt(SECRET, guest.publicJwk(), TeePublicKey.KeyPolicy.DEFAULT);
        String header = new String(Base64.getUrlDecoder().decode(jwe.protectedHeader()), StandardCharsets.UTF_8);
        assertThat(rustStyleAad(header)).isEqualTo(jwe.protectedHeader());
        if (algorithm == TeeKeyAlgorithm.RSA_OAEP_256) {
            assertThat(header).isEqualTo("{\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\"}");
        } else {
            String crv = algorithm == TeeKeyAlgorithm.EC_P256 ? "P-256" : "P-521";
            int len = algorithm == TeeKeyAlgorithm.EC_P256 ? 43 : 88;
            assertThat(header).matches("\\{\"alg\":\"ECDH-ES\\+A256KW\",\"enc\":\"A256GCM\",\"epk\":\\{\"crv\":\"" + crv
                    + "\",\"kty\":\"EC\",\"x\":\"[A-Za-z0-9_-]{" + len + "}\",\"y\":\"[A-Za-z0-9_-]{" + len + "}\"}}");
        }
        assertThat(Json.readTree(Json.write(jwe)).has("aad")).isFalse();
    }

    @Test
    void aadOfTheKbsTypesUnitVector() {
        assertThat(rustStyleAad("{\"alg\":\"fakealg\",\"enc\":\"fakeenc\"}")).isEqualTo("eyJhbGciOiJmYWtlYWxnIiwiZW5jIjoiZmFrZWVuYyJ9");
    }

    /**
     * Rebuilds the AAD the way the reference client does: parse the header into {alg, enc, rest},
     * serialise compactly with alg first, enc second, the rest sorted by key, then base64url.
     */
    static String rustStyleAad(String headerJson) {
        try {
            JsonNode parsed = Json.readTree(headerJson);
            StringBuilder out = new StringBuilder("{\"alg\":").append(Json.write(parsed.get("alg").textValue()))
                    .append(",\"enc\":").append(Json.write(parsed.get("enc").textValue()));
            java.util.TreeMap<String, JsonNode> rest = new java.util.TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = parsed.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getKey().equals("alg") && !e.getKey().equals("enc")) {
                    rest.put(e.getKey(), e.getValue());
                }
            }
            for (var e : rest.entrySet()) {
                out.append(',').append(Json.write(e.getKey())).append(':').append(sortedCompact(e.getValue()));
            }
            out.append('}');
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String sortedCompact(JsonNode node) {
        if (!node.isObject()) {
            return Json.write(node);
        }
        java.util.TreeMap<String, JsonNode> sorted = new java.util.TreeMap<>();
        node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        StringBuilder out = new StringBuilder("{");
        sorted.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append(Json.write(k)).append(':').append(sortedCompact(v)));
        return out.append('}').toString();
    }

    @Test
    void tamperedCiphertextTagOrHeaderIsRejected() throws Exception {
        TeeKeyPair guest = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
        JweResponse jwe = new ResourceEncryptor().encrypt(SECRET, guest.publicJwk(), TeePublicKey.KeyPolicy.DEFAULT);
        JweResponse badCiphertext = new JweResponse(jwe.protectedHeader(), jwe.encryptedKey(), jwe.iv(), flip(jwe.ciphertext()), jwe.tag());
        JweResponse badTag = new JweResponse(jwe.protectedHeader(), jwe.encryptedKey(), jwe.iv(), jwe.ciphertext(), flip(jwe.tag()));
        JweResponse badKey = new JweResponse(jwe.protectedHeader(), flip(jwe.encryptedKey()), jwe.iv(), jwe.ciphertext(), jwe.tag());
        String headerWithSpace = Base64Url.encode((new String(Base64.getUrlDecoder().decode(jwe.protectedHeader()),
                StandardCharsets.UTF_8).replace(",\"enc\"", ", \"enc\"")).getBytes(StandardCharsets.UTF_8));
        JweResponse badHeader = new JweResponse(headerWithSpace, jwe.encryptedKey(), jwe.iv(), jwe.ciphertext(), jwe.tag());
        for (JweResponse tampered : new JweResponse[] {badCiphertext, badTag, badKey, badHeader}) {
            assertThatThrownBy(() -> ResourceDecryptor.decrypt(tampered, guest)).isInstanceOf(JweException.class);
        }
    }

    @Test
    void anotherTeeKeyCannotDecrypt() throws Exception {
        TeeKeyPair guest = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
        JweResponse jwe = new ResourceEncryptor().encrypt(SECRET, guest.publicJwk(), TeePublicKey.KeyPolicy.DEFAULT);
        assertThatThrownBy(() -> ResourceDecryptor.decrypt(jwe, TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256)))
                .isInstanceOf(JweException.class);
    }

    @Test
    void everyResponseUsesAFreshCekAndIv() throws Exception {
        TeeKeyPair guest = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
        ResourceEncryptor encryptor = new ResourceEncryptor(new SecureRandom());
        JweResponse a = encryptor.encrypt(SECRET, guest.publicJwk(), TeePublicKey.KeyPolicy.DEFAULT);
        JweResponse b = encryptor.encrypt(SECRET, guest.publicJwk(), TeePublicKey.KeyPolicy.DEFAULT);
        assertThat(a.iv()).isNotEqualTo(b.iv());
        assertThat(a.encryptedKey()).isNotEqualTo(b.encryptedKey());
        assertThat(a.protectedHeader()).isNotEqualTo(b.protectedHeader()); // fresh ephemeral key
    }

    @Test
    void rsa15IsRefusedUnlessTheLegacyFlagIsSet() throws Exception {
        TeeKeyPair guest = TeeKeyPair.generate(TeeKeyAlgorithm.RSA_OAEP_256);
        RsaTeePublicKey oaep = (RsaTeePublicKey) guest.publicJwk();
        RsaTeePublicKey legacy = new RsaTeePublicKey("RSA1_5", oaep.n(), oaep.e());
        assertThatThrownBy(() -> new ResourceEncryptor().encrypt(SECRET, legacy, TeePublicKey.KeyPolicy.DEFAULT))
                .isInstanceOf(JweException.class).hasMessageContaining("RSA1_5 is refused");
        JweResponse jwe = new ResourceEncryptor().encrypt(SECRET, legacy, new TeePublicKey.KeyPolicy(true));
        String header = new String(Base64.getUrlDecoder().decode(jwe.protectedHeader()), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"alg\":\"RSA1_5\",\"enc\":\"A256GCM\"}");
    }

    private static String flip(String b64url) {
        byte[] bytes = Base64.getUrlDecoder().decode(b64url);
        bytes[bytes.length / 2] ^= 0x01;
        return Base64Url.encode(bytes);
    }

}
