package io.coco4j.verifier.tpm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerifiedClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TpmVerifierTest {

    private static final HexFormat HEX = HexFormat.of();
    /** The vector's report-data digest (48 bytes); its quote carries it padded to 64. */
    private static final byte[] VECTOR_REPORT_DATA = HEX.parseHex(
            "a04182b506878d4f29b91ee606a71a0d3361ccf1b22db20c98adcaa537bea393ef0e41a18b3569ab678f1497fbc5c120");

    @TempDir
    Path dir;

    private static ObjectNode vector() throws Exception {
        return (ObjectNode) Json.readTree(Files.readAllBytes(TestVectors.resolve("tpm/tpm_evidence.json")));
    }

    private static PublicKey akOf(JsonNode evidence) throws Exception {
        return TrustedAttestationKeys.decode(Base64.getDecoder().decode(evidence.get("ak_public").asText()));
    }

    private static TpmVerifier trusting(PublicKey key) {
        return new TpmVerifier(TrustedAttestationKeys.of(List.of(key)));
    }

    @Test
    void theVectorVerifiesWithItsClaims() throws Exception {
        ObjectNode evidence = vector();
        List<VerifiedClaims> result = trusting(akOf(evidence)).evaluate(evidence, new Expectation(Optional.of(VECTOR_REPORT_DATA), Optional.empty()));
        assertThat(result).singleElement().satisfies(c -> assertThat(c.teeClass()).isEqualTo(TeeClass.CPU));
        ObjectNode claims = result.get(0).claims();
        assertThat(claims.get("ak_public").asText()).isEqualTo(evidence.get("ak_public").asText());
        assertThat(claims.get("report_data").asText()).hasSize(128)
                .isEqualTo(HEX.formatHex(VECTOR_REPORT_DATA) + "0".repeat(32));
        assertThat(claims.get("init_data").asText()).isEqualTo("0".repeat(64));
        for (int i = 0; i < 24; i++) {
            assertThat(claims.get(String.format("pcr%02d", i)).asText()).isEqualTo(evidence.get("tpm_quote").get("pcrs").get(i).asText());
        }
        assertThat(claims.get("pcr17").asText()).isNotEqualTo("0".repeat(64));
        assertThat(claims.size()).isEqualTo(3 + 24);
    }

    @Test
    void anAttestationKeyNotEnrolledIsRefused() throws Exception {
        TestTpm other = new TestTpm();
        assertThatThrownBy(() -> trusting(other.ak.getPublic()).evaluate(vector(), Expectation.none()))
                .isInstanceOf(UntrustedAttestationKeyException.class);
    }

    @Test
    void aFlippedByteInTheSignedMessageIsRefused() throws Exception {
        ObjectNode evidence = vector();
        ObjectNode quote = (ObjectNode) evidence.get("tpm_quote");
        byte[] message = Base64.getDecoder().decode(quote.get("message").asText());
        message[40] ^= 1;
        quote.put("message", Base64.getEncoder().encodeToString(message));
        assertThatThrownBy(() -> trusting(akOf(evidence)).evaluate(evidence, Expectation.none()))
                .isInstanceOf(TpmQuoteSignatureException.class);
    }

    @Test
    void aFlippedByteInTheSignatureIsRefused() throws Exception {
        ObjectNode evidence = vector();
        ObjectNode quote = (ObjectNode) evidence.get("tpm_quote");
        byte[] signature = Base64.getDecoder().decode(quote.get("signature").asText());
        signature[100] ^= 1;
        quote.put("signature", Base64.getEncoder().encodeToString(signature));
        assertThatThrownBy(() -> trusting(akOf(evidence)).evaluate(evidence, Expectation.none()))
                .isInstanceOf(TpmQuoteSignatureException.class);
    }

    @Test
    void aChangedPcrValueIsRefused() throws Exception {
        ObjectNode evidence = vector();
        ((ArrayNode) evidence.get("tpm_quote").get("pcrs")).set(11, Json.mapper().getNodeFactory().textNode("11".repeat(32)));
        assertThatThrownBy(() -> trusting(akOf(evidence)).evaluate(evidence, Expectation.none()))
                .isInstanceOf(PcrDigestMismatchException.class);
    }

    @Test
    void anotherSessionsReportDataIsRefused() throws Exception {
        ObjectNode evidence = vector();
        byte[] other = VECTOR_REPORT_DATA.clone();
        other[0] ^= 1;
        assertThatThrownBy(() -> trusting(akOf(evidence)).evaluate(evidence, new Expectation(Optional.of(other), Optional.empty())))
                .isInstanceOf(TpmNonceMismatchException.class);
    }

    @Test
    void initDataNotInPcr8IsRefused() throws Exception {
        ObjectNode evidence = vector();
        assertThatThrownBy(() -> trusting(akOf(evidence)).evaluate(evidence,
                new Expectation(Optional.of(VECTOR_REPORT_DATA), Optional.of(new byte[32]))))
                .isInstanceOf(Pcr8InitDataMismatchException.class);
    }

    @Test
    void aQuoteWithTheDigestTruncatedTo32BytesAndInitDataVerifies() throws Exception {
        TestTpm tpm = new TestTpm();
        byte[] initData = HEX.parseHex("11".repeat(32));
        tpm.extendInitData(initData);
        byte[] reportData = HEX.parseHex("ab".repeat(48));
        ObjectNode evidence = tpm.evidence(Expectation.regularize(reportData, 32));
        var claims = trusting(tpm.ak.getPublic()).evaluate(evidence, new Expectation(Optional.of(reportData), Optional.of(initData))).get(0).claims();
        assertThat(claims.get("report_data").asText()).isEqualTo("ab".repeat(32));
        assertThat(claims.get("init_data").asText()).isEqualTo(claims.get("pcr08").asText()).isNotEqualTo("0".repeat(64));
    }

    @Test
    void qualifyingDataOfAnotherLengthIsRefused() throws Exception {
        TestTpm tpm = new TestTpm();
        byte[] reportData = HEX.parseHex("ab".repeat(48));
        ObjectNode evidence = tpm.evidence(reportData);
        assertThatThrownBy(() -> trusting(tpm.ak.getPublic()).evaluate(evidence, new Expectation(Optional.of(reportData), Optional.empty())))
                .isInstanceOf(TpmNonceMismatchException.class);
    }

    @Test
    void malformedEvidenceIsRefusedWithAFormatError() throws Exception {
        TpmVerifier verifier = trusting(akOf(vector()));
        ObjectNode noAk = vector();
        noAk.remove("ak_public");
        assertThatThrownBy(() -> verifier.evaluate(noAk, Expectation.none())).isInstanceOf(TpmFormatException.class);
        ObjectNode fewPcrs = vector();
        ArrayNode pcrs = (ArrayNode) fewPcrs.get("tpm_quote").get("pcrs");
        while (pcrs.size() > 8) {
            pcrs.remove(pcrs.size() - 1);
        }
        assertThatThrownBy(() -> verifier.evaluate(fewPcrs, Expectation.none())).isInstanceOf(TpmFormatException.class);
    }

    @Test
    void enrolledKeysAreReadFromPemFilesEndingInPub() throws Exception {
        ObjectNode evidence = vector();
        PublicKey ak = akOf(evidence);
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ak.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(dir.resolve("vector-ak.pub"), pem);
        Files.writeString(dir.resolve("notes.txt"), "not a key");
        TpmVerifier verifier = TpmVerifier.create(new TpmVerifierSettings(dir, 100));
        assertThat(verifier.evaluate(evidence, Expectation.none())).hasSize(1);

        Files.writeString(dir.resolve("broken.pub"), "garbage");
        assertThatThrownBy(() -> TpmVerifier.create(new TpmVerifierSettings(dir, 100))).hasMessageContaining("broken.pub");
        assertThatThrownBy(() -> TpmVerifier.create(new TpmVerifierSettings(dir.resolve("missing"), 100))).hasMessageContaining("does not exist");
    }

    @Test
    void settingsFollowTheReferenceKeys() {
        var config = Json.mapper().createObjectNode();
        config.putObject("tpm_verifier").put("trusted_ak_keys_dir", "/srv/aks").put("max_trusted_ak_keys", 5);
        assertThat(TpmVerifierSettings.fromReferenceConfig(config)).isEqualTo(new TpmVerifierSettings(Path.of("/srv/aks"), 5));
        assertThat(TpmVerifierSettings.fromReferenceConfig(Json.mapper().createObjectNode()).trustedAkKeysDir())
                .isEqualTo(TpmVerifierSettings.DEFAULT_TRUSTED_AK_KEYS_DIR);
    }
}
