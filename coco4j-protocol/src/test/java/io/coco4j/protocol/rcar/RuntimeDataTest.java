package io.coco4j.protocol.rcar;

import io.coco4j.protocol.canonical.Jcs;
import io.coco4j.protocol.jose.EcTeePublicKey;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuntimeDataTest {

    private static final String NONCE = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void guestSpecVectorB1() {
        RuntimeData runtimeData = new RuntimeData(NONCE, new EcTeePublicKey("P-256", "ECDH-ES+A256KW",
                "AhfmF_C2RDkoJ4-WmZ5pojpPLBUr321s32bluAKC1O0", "GUp968uXcS0t2jyoWqh2Wlb0X8dYWZZS8ol8ZTBuV5Q"));
        var binding = runtimeData.primaryBinding("");
        assertThat(new String(Jcs.canonicalize(binding), StandardCharsets.UTF_8)).isEqualTo(
                "{\"additional-evidence\":\"\",\"nonce\":\"" + NONCE + "\",\"tee-pubkey\":{\"alg\":\"ECDH-ES+A256KW\",\"crv\":\"P-256\",\"kty\":\"EC\","
                        + "\"x\":\"AhfmF_C2RDkoJ4-WmZ5pojpPLBUr321s32bluAKC1O0\",\"y\":\"GUp968uXcS0t2jyoWqh2Wlb0X8dYWZZS8ol8ZTBuV5Q\"}}");
        byte[] digest = RuntimeData.digest(binding, HashAlgorithm.SHA384);
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(
                "1147b1af549c26b6863daf32fc064834beaa470ddb06fd5c57c44363cb2e86f11c4d80906326c2154d2b96d47de1ac62");
        assertThat(Base64.getEncoder().encodeToString(digest)).isEqualTo("EUexr1ScJraGPa8y/AZINL6qRw3bBv1cV8RDY8suhvEcTYCQYybCFU0rltR94axi");
    }

    @Test
    void kbsSpecVectorWithTheGeneratorPoint() {
        RuntimeData runtimeData = new RuntimeData(NONCE, new EcTeePublicKey("P-256", "ECDH-ES+A256KW",
                "axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY", "T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU"));
        assertThat(Base64.getEncoder().encodeToString(RuntimeData.digest(runtimeData.primaryBinding(""), HashAlgorithm.SHA384)))
                .isEqualTo("ntwBsJ6Zf2V41r2Pf8KyjfqvTlQXeTZnt+zgJdUMfPW5sPfSu7zr4l0vU70zgHzj");
        assertThat(runtimeData.deviceBinding().has("additional-evidence")).isFalse();
    }

    @Test
    void attestationParsesTheReferenceBodyShape() throws Exception {
        String body = "{\"init-data\":null,\"runtime-data\":{\"nonce\":\"" + NONCE + "\",\"tee-pubkey\":{\"kty\":\"EC\",\"crv\":\"P-256\","
                + "\"alg\":\"ECDH-ES+A256KW\",\"x\":\"axfR8uEsQkf4vOblY6RA8ncDfYEt6zOg9KE5RdiYwpY\",\"y\":\"T-NC4v4af5uO5-tKfA-eFivOM1drMV7Oy7ZAaDe_UfU\"}},"
                + "\"tee-evidence\":{\"primary_evidence\":{\"svn\":\"1\",\"report_data\":\"x\"},\"additional_evidence\":\"\"}}";
        Attestation attestation = Json.read(body, Attestation.class);
        assertThat(attestation.initData()).isNull();
        assertThat(attestation.teeEvidence().primaryEvidence().get("svn").asText()).isEqualTo("1");
        assertThat(attestation.runtimeData().teePubkey()).isInstanceOf(EcTeePublicKey.class);
    }

    @Test
    void challengeHashSelection() throws Exception {
        assertThat(Json.read("{\"nonce\":\"n\",\"extra-params\":\"\"}", Challenge.class).selectedHashAlgorithm()).isEqualTo(HashAlgorithm.SHA384);
        assertThat(Json.read("{\"nonce\":\"n\",\"extra-params\":{\"selected-hash-algorithm\":\"SHA512\"}}", Challenge.class)
                .selectedHashAlgorithm()).isEqualTo(HashAlgorithm.SHA512);
        assertThatThrownBy(() -> Json.read("{\"nonce\":\"n\",\"extra-params\":{\"selected-hash-algorithm\":\"md5\"}}", Challenge.class)
                .selectedHashAlgorithm()).isInstanceOf(IllegalArgumentException.class);
        assertThat(Json.write(Challenge.withNonce("n"))).isEqualTo("{\"nonce\":\"n\",\"extra-params\":\"\"}");
    }

    @Test
    void authRequestAsTheReferenceGuestSendsIt() {
        assertThat(Json.write(AuthRequest.forTee("sample"))).isEqualTo(
                "{\"version\":\"0.4.0\",\"tee\":\"sample\",\"extra-params\":{\"supported-hash-algorithms\":[\"sha256\",\"sha384\",\"sha512\",\"sm3\"]}}");
    }
}
