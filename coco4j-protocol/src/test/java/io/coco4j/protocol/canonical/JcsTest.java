package io.coco4j.protocol.canonical;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JcsTest {

    private static String sha384Hex(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-384").digest(data));
    }

    @Test
    void primaryRuntimeDataVectorOfTheKbsSpec() throws Exception {
        String input = "{\"tee-pubkey\":{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ECDH-ES+A256KW\","
                + "\"x\":\"axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY\",\"y\":\"T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU\"},"
                + "\"nonce\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\",\"additional-evidence\":\"\"}";
        byte[] canonical = Jcs.canonicalize(input);
        assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo(
                "{\"additional-evidence\":\"\",\"nonce\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\","
                        + "\"tee-pubkey\":{\"alg\":\"ECDH-ES+A256KW\",\"crv\":\"P-256\",\"kty\":\"EC\","
                        + "\"x\":\"axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY\",\"y\":\"T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU\"}}");
        assertThat(sha384Hex(canonical)).isEqualTo(
                "9edc01b09e997f6578d6bd8f7fc2b28dfaaf4e5417793667b7ece025d50c7cf5b9b0f7d2bbbcebe25d2f53bd33807ce3");
    }

    @Test
    void attestationServiceUnitVector() throws Exception {
        byte[] canonical = Jcs.canonicalize("{\"b\":1,\"a\":\"test\",\"c\":{\"d\":\"e\"}}");
        assertThat(sha384Hex(canonical)).isEqualTo(
                "e71ce8e70d814ba6639c3612ebee0ff1f76f650f8dbb5e47157e0f3f525cd22c4597480a186427c813ca941da78870c3");
    }

    @Test
    void sortsByUtf16CodeUnitsNotCodePoints() {
        // U+1F600 is a surrogate pair starting 0xD83D, which sorts before U+FB33 in UTF-16 order
        String json = "{\"\uFB33\":1,\"\uD83D\uDE00\":2,\"a\":3,\"\u00e9\":4}";
        assertThat(new String(Jcs.canonicalize(json), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":3,\"\u00e9\":4,\"\uD83D\uDE00\":2,\"\uFB33\":1}");
    }

    @Test
    void escapesLikeEcmaScript() {
        String json = "{\"s\":\"\\u0001\\u001f\\\"\\\\/\\b\\f\\n\\r\\t\\u20ac\"}";
        assertThat(new String(Jcs.canonicalize(json), StandardCharsets.UTF_8))
                .isEqualTo("{\"s\":\"\\u0001\\u001f\\\"\\\\/\\b\\f\\n\\r\\t\u20ac\"}");
    }

    @ParameterizedTest
    @CsvSource({
            "0, 0", "-0, 0", "1, 1", "-1, -1", "1.0, 1", "100, 100", "1e21, 1e+21", "1e20, 100000000000000000000",
            "0.000001, 0.000001", "0.0000001, 1e-7", "123.456, 123.456", "4.5, 4.5", "2e-3, 0.002",
            "333333333.33333329, 333333333.3333333", "1E30, 1e+30", "9007199254740992, 9007199254740992",
            "5e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308", "0.1, 0.1", "295147905179352830000, 295147905179352830000"
    })
    void formatsNumbersLikeEcmaScript(String input, String expected) {
        assertThat(new String(Jcs.canonicalize("[" + input + "]"), StandardCharsets.UTF_8)).isEqualTo("[" + expected + "]");
    }

    @Test
    void refusesDuplicateMembers() {
        assertThatThrownBy(() -> Jcs.canonicalize("{\"a\":1,\"a\":2}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Duplicate");
    }
}
