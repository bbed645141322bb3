package io.coco4j.protocol.jose;

import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TeePublicKeyTest {

    private static final String X = "axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY";
    private static final String Y = "T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU";

    private static TeePublicKey parse(String json) throws Exception {
        return TeePublicKey.fromJson(Json.readTree(json));
    }

    @Test
    void parsesAnEcKeyAndDropsForeignMembers() throws Exception {
        TeePublicKey key = parse("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"" + X + "\",\"y\":\"" + Y + "\",\"kid\":\"k\"}");
        assertThat(key).isEqualTo(new EcTeePublicKey("P-256", "ECDH-ES+A256KW", X, Y));
        assertThat(Json.write(key.toJson())).isEqualTo("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"" + X + "\",\"y\":\"" + Y + "\"}");
        assertThat(key.toPublicKey(TeePublicKey.KeyPolicy.DEFAULT).getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void refusesAPointOffTheCurve() throws Exception {
        String offCurveY = "T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfQ"; // last bit changed
        TeePublicKey key = parse("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"" + X + "\",\"y\":\"" + offCurveY + "\"}");
        assertThatThrownBy(() -> key.toPublicKey(TeePublicKey.KeyPolicy.DEFAULT))
                .isInstanceOf(InvalidTeeKeyException.class).hasMessageContaining("not on curve");
    }

    @Test
    void refusesShortCoordinatesUnknownCurvesAndAlgorithms() throws Exception {
        String shortX = X.substring(0, 40);
        assertThatThrownBy(() -> parse("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"" + shortX + "\",\"y\":\"" + Y + "\"}")
                .toPublicKey(TeePublicKey.KeyPolicy.DEFAULT)).hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> parse("{\"kty\":\"EC\",\"crv\":\"secp256k1\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"" + X + "\",\"y\":\"" + Y + "\"}")
                .toPublicKey(TeePublicKey.KeyPolicy.DEFAULT)).hasMessageContaining("unsupported curve");
        assertThatThrownBy(() -> parse("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES\",\"x\":\"" + X + "\",\"y\":\"" + Y + "\"}")
                .toPublicKey(TeePublicKey.KeyPolicy.DEFAULT)).hasMessageContaining("unsupported algorithm");
    }

    @Test
    void refusesUnknownKeyTypesAndMissingMembers() {
        assertThatThrownBy(() -> parse("{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"abc\"}"))
                .isInstanceOf(InvalidTeeKeyException.class);
        assertThatThrownBy(() -> parse("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\",\"x\":\"" + X + "\"}"))
                .isInstanceOf(InvalidTeeKeyException.class);
        assertThatThrownBy(() -> parse("{\"crv\":\"P-256\"}")).isInstanceOf(InvalidTeeKeyException.class);
        assertThatThrownBy(() -> parse("\"EC\"")).isInstanceOf(InvalidTeeKeyException.class);
    }

    @Test
    void refusesWeakRsaKeysAndRsa15ByDefault() throws Exception {
        RsaTeePublicKey good = (RsaTeePublicKey) TeeKeyPair.generate(TeeKeyAlgorithm.RSA_OAEP_256).publicJwk();
        assertThat(good.toPublicKey(TeePublicKey.KeyPolicy.DEFAULT).getModulus().bitLength()).isEqualTo(2048);
        assertThatThrownBy(() -> new RsaTeePublicKey("RSA1_5", good.n(), good.e()).toPublicKey(TeePublicKey.KeyPolicy.DEFAULT))
                .hasMessageContaining("RSA1_5 is refused");
        String small = Base64Url.encode(java.math.BigInteger.ONE.shiftLeft(1023).setBit(0).toByteArray());
        assertThatThrownBy(() -> new RsaTeePublicKey("RSA-OAEP-256", small, good.e()).toPublicKey(TeePublicKey.KeyPolicy.DEFAULT))
                .hasMessageContaining("1024 bits");
    }
}
