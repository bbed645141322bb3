package io.coco4j.kbs.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JwsSignaturesTest {

    private static ObjectNode header(String alg) {
        return TestPki.JSON.createObjectNode().put("alg", alg).put("typ", "JWT");
    }

    private static ObjectNode claims() {
        return TestPki.JSON.createObjectNode().put("role", "admin").put("exp", 2_000_000_000L);
    }

    private static boolean verify(String token, KeyPair keys) throws JwsException {
        CompactJws jws = CompactJws.parse(token);
        return JwsSignatures.verify(jws, JwsAlgorithm.require(jws.algorithm()), keys.getPublic());
    }

    @Test
    void verifiesEs256Es384Rs256AndEdDsa() throws Exception {
        Object[][] cases = {
                {"ES256", TestPki.p256(), TestPki.p256()},
                {"ES384", TestPki.ec("secp384r1"), TestPki.ec("secp384r1")},
                {"RS256", TestPki.rsa(), TestPki.rsa()},
                {"EdDSA", TestPki.ed25519(), TestPki.ed25519()}};
        for (Object[] c : cases) {
            KeyPair keys = (KeyPair) c[1];
            String token = TestPki.sign(header((String) c[0]), claims(), keys.getPrivate());
            assertThat(verify(token, keys)).as((String) c[0]).isTrue();
            assertThat(verify(token, (KeyPair) c[2])).as(c[0] + " with another key").isFalse();
        }
    }

    @Test
    void aTamperedSignatureOrPayloadFails() throws Exception {
        KeyPair keys = TestPki.p256();
        String token = TestPki.sign(header("ES256"), claims(), keys.getPrivate());
        byte[] signature = CompactJws.parse(token).signature();
        signature[5] ^= 1;
        assertThat(verify(TestPki.withSignature(token, signature), keys)).isFalse();

        String[] parts = token.split("\\.");
        String otherClaims = TestPki.b64url(claims().put("role", "root").toString().getBytes(StandardCharsets.UTF_8));
        assertThat(verify(parts[0] + "." + otherClaims + "." + parts[2], keys)).isFalse();
    }

    @Test
    void theAlgorithmMustFitTheKey() throws Exception {
        KeyPair p384 = TestPki.ec("secp384r1");
        String es256On384 = TestPki.sign(header("ES256"), claims(), TestPki.p256().getPrivate());
        assertThatThrownBy(() -> verify(es256On384, p384)).isInstanceOf(JwsException.class)
                .hasMessageContaining("does not fit the curve");
        String rs256 = TestPki.sign(header("RS256"), claims(), TestPki.rsa().getPrivate());
        assertThatThrownBy(() -> verify(rs256, TestPki.p256())).isInstanceOf(JwsException.class)
                .hasMessageContaining("RS256 does not fit a EC key");
        String eddsa = TestPki.sign(header("EdDSA"), claims(), TestPki.ed25519().getPrivate());
        assertThatThrownBy(() -> verify(eddsa, TestPki.rsa())).isInstanceOf(JwsException.class);
    }

    @Test
    void noneAndHmacAreRefused() {
        assertThatThrownBy(() -> JwsAlgorithm.require("none")).hasMessageContaining("unsigned tokens");
        assertThatThrownBy(() -> JwsAlgorithm.require("HS256")).hasMessageContaining("shared-secret");
        assertThatThrownBy(() -> JwsAlgorithm.require("ES256K")).hasMessageContaining("not supported");
    }

    @Test
    void malformedTokensAreRejectedWithoutEchoingThem() {
        String secretish = "eyJhbGciOiJFUzI1NiJ9.eyJzZWNyZXQiOiJ2YWx1ZSJ9";
        assertThatThrownBy(() -> CompactJws.parse(secretish)).isInstanceOf(JwsException.class)
                .hasMessageContaining("three dot-separated parts").hasMessageNotContaining(secretish);
        assertThatThrownBy(() -> CompactJws.parse("e30.e30.")).hasMessageContaining("no signature");
        assertThatThrownBy(() -> CompactJws.parse("e30.e30.AAAA")).hasMessageContaining("no \"alg\"");
        assertThatThrownBy(() -> CompactJws.parse("!!.e30.AAAA")).hasMessageContaining("not base64url");
        assertThatThrownBy(() -> CompactJws.parse(b64("[1]") + ".e30.AAAA")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> CompactJws.parse(b64("{\"alg\":\"ES256\",\"alg\":\"none\"}") + ".e30.AAAA"))
                .hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> CompactJws.parse(b64("{\"alg\":\"ES256\",\"crit\":[\"b64\"],\"b64\":false}")
                + ".e30.AAAA")).hasMessageContaining("crit");
    }

    @Test
    void expiryNeedsANumberAndAllowsSixtySecondsOfLeeway() throws Exception {
        Instant exp = ExpirationClaim.read(claims());
        assertThat(exp).isEqualTo(Instant.ofEpochSecond(2_000_000_000L));
        assertThat(ExpirationClaim.hasExpired(exp, exp.plusSeconds(60))).isFalse();
        assertThat(ExpirationClaim.hasExpired(exp, exp.plusSeconds(61))).isTrue();
        assertThatThrownBy(() -> ExpirationClaim.read(TestPki.JSON.createObjectNode())).hasMessageContaining("no \"exp\"");
        assertThatThrownBy(() -> ExpirationClaim.read(TestPki.JSON.createObjectNode().put("exp", "tomorrow")))
                .hasMessageContaining("not a NumericDate");
    }

    @Test
    void jwkKeysConvertAndCompare() throws Exception {
        for (KeyPair keys : new KeyPair[] {TestPki.p256(), TestPki.rsa(), TestPki.ed25519()}) {
            var key = JwkPublicKeys.toPublicKey(TestPki.jwk(keys.getPublic(), null));
            assertThat(JwkPublicKeys.sameKey(key, keys.getPublic())).isTrue();
        }
        ObjectNode offCurve = TestPki.jwk(TestPki.p256().getPublic(), "ES256");
        offCurve.put("y", offCurve.get("x").asText());
        assertThatThrownBy(() -> JwkPublicKeys.toPublicKey(offCurve)).isInstanceOf(JwsException.class);
        assertThatThrownBy(() -> JwkPublicKeys.toPublicKey(TestPki.JSON.createObjectNode().put("kty", "oct")))
                .hasMessageContaining("not supported");
        assertThat(JwkPublicKeys.sameKey(TestPki.p256().getPublic(), TestPki.p256().getPublic())).isFalse();
    }

    private static String b64(String json) {
        return TestPki.b64url(json.getBytes(StandardCharsets.UTF_8));
    }
}
