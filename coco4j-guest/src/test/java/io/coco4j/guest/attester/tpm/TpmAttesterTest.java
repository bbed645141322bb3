package io.coco4j.guest.attester.tpm;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.guest.attester.InitDataBinding;
import io.coco4j.guest.attester.RuntimeMeasurement;
import io.coco4j.guest.testing.Swtpm;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.verifier.tpm.PcrDigestMismatchException;
import io.coco4j.verifier.tpm.Pcr8InitDataMismatchException;
import io.coco4j.verifier.tpm.TpmNonceMismatchException;
import io.coco4j.verifier.tpm.TpmQuote;
import io.coco4j.verifier.tpm.TpmQuoteCheck;
import io.coco4j.verifier.tpm.TpmQuoteSignatureException;
import io.coco4j.verifier.tpm.TpmsAttest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tpm attester against a real software TPM (swtpm), its quotes checked with the verifier's TPM checks. */
class TpmAttesterTest {

    @TempDir
    Path dir;

    private Swtpm swtpm;

    @BeforeEach
    void start() throws Exception {
        swtpm = Swtpm.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (swtpm != null) {
            swtpm.close();
        }
    }

    private TpmAttester attester() {
        return new TpmAttester(swtpm.connector(), TpmAttester.DEFAULT_AK_HANDLE);
    }

    private static byte[] bytes(int length, int value) {
        byte[] out = new byte[length];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static PublicKey akPublic(JsonNode evidence) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(evidence.get("ak_public").asText())));
    }

    private static List<byte[]> pcrs(JsonNode evidence) {
        List<byte[]> pcrs = new ArrayList<>();
        evidence.get("tpm_quote").get("pcrs").forEach(p -> pcrs.add(HexFormat.of().parseHex(p.asText())));
        return pcrs;
    }

    @Test
    void quoteVerifiesWithItsAttestationKeyAndBindsTheReportData() throws Exception {
        byte[] reportData = bytes(48, 0x2A);
        JsonNode evidence = attester().evidence(reportData);

        assertThat(evidence.get("report_data").asText()).isEqualTo(Base64.getEncoder().encodeToString(Arrays.copyOf(reportData, 64)));
        TpmQuote quote = TpmQuote.fromJson(evidence.get("tpm_quote"), TpmQuote.Encoding.BASE64_WITH_HEX_PCRS);
        assertThat(quote.pcrs()).hasSize(24);
        TpmsAttest attest = TpmQuoteCheck.verifySignature(quote, akPublic(evidence));
        TpmQuoteCheck.checkNonce(attest, Arrays.copyOf(reportData, 64));
        TpmQuoteCheck.checkPcrDigest(attest, quote.pcrs());

        assertThatThrownBy(() -> TpmQuoteCheck.checkNonce(attest, bytes(64, 0x2B))).isInstanceOf(TpmNonceMismatchException.class);
        byte[] tampered = Base64.getDecoder().decode(evidence.get("tpm_quote").get("message").asText());
        tampered[tampered.length - 1] ^= 1;
        TpmQuote forged = new TpmQuote(quote.signature(), tampered, quote.pcrs());
        assertThatThrownBy(() -> TpmQuoteCheck.verifySignature(forged, akPublic(evidence))).isInstanceOf(TpmQuoteSignatureException.class);
    }

    @Test
    void theEndorsementPrimaryKeyIsTheSameOnEveryQuote() throws Exception {
        JsonNode first = attester().evidence(bytes(8, 1));
        JsonNode second = attester().evidence(bytes(8, 2));
        assertThat(first.get("ak_public").asText()).isEqualTo(second.get("ak_public").asText());
    }

    @Test
    void aProvisionedPersistentKeyIsUsed() throws Exception {
        swtpm.tpm2("tpm2_createprimary", "-C", "e", "-G", "rsa2048:rsassa-sha256:null",
                "-a", "fixedtpm|fixedparent|sensitivedataorigin|userwithauth|restricted|sign", "-c", "ak.ctx");
        swtpm.tpm2("tpm2_evictcontrol", "-C", "o", "-c", "ak.ctx", "0x81010002");
        swtpm.tpm2("tpm2_readpublic", "-c", "0x81010002", "-f", "der", "-o", "ak.der");
        byte[] provisioned = Files.readAllBytes(dir.resolve("swtpm-state/ak.der"));

        JsonNode evidence = attester().evidence(bytes(16, 3));

        assertThat(Base64.getDecoder().decode(evidence.get("ak_public").asText())).isEqualTo(provisioned);
        TpmQuote quote = TpmQuote.fromJson(evidence.get("tpm_quote"), TpmQuote.Encoding.BASE64_WITH_HEX_PCRS);
        TpmQuoteCheck.verifySignature(quote, akPublic(evidence));
    }

    @Test
    void initDataExtendsPcr8AsTheVerifierChecks() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("init-data".getBytes());
        assertThat(attester().bindInitData(digest)).isEqualTo(InitDataBinding.BOUND);

        JsonNode evidence = attester().evidence(bytes(8, 0));
        TpmQuote quote = TpmQuote.fromJson(evidence.get("tpm_quote"), TpmQuote.Encoding.BASE64_WITH_HEX_PCRS);
        TpmQuoteCheck.checkPcrDigest(TpmQuoteCheck.verifySignature(quote, akPublic(evidence)), pcrs(evidence));
        TpmQuoteCheck.checkInitData(pcrs(evidence), digest);
        assertThatThrownBy(() -> TpmQuoteCheck.checkInitData(pcrs(evidence), bytes(32, 9))).isInstanceOf(Pcr8InitDataMismatchException.class);
        assertThatThrownBy(() -> attester().bindInitData(bytes(48, 1))).hasMessageContaining("sha256");
    }

    @Test
    void runtimeMeasurementsExtendTheNamedPcr() throws Exception {
        RuntimeMeasurement pcrs = attester().runtimeMeasurement().orElseThrow();
        assertThat(pcrs.algorithm()).isEqualTo(HashAlgorithm.SHA256);
        assertThat(pcrs.registerFor(14)).isEqualTo(14);
        byte[] event = bytes(32, 0x44);
        pcrs.extend(14, event);

        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        expected.update(new byte[32]);
        expected.update(event);
        assertThat(pcrs(attester().evidence(bytes(8, 0))).get(14)).isEqualTo(expected.digest());
        assertThatThrownBy(() -> pcrs.extend(24, event)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> pcrs.extend(1, bytes(48, 0))).hasMessageContaining("32 bytes");
        // PCR 17 belongs to dynamic launch: locality 0 cannot extend it, and the TPM's refusal comes through
        assertThatThrownBy(() -> pcrs.extend(17, event)).isInstanceOf(TpmException.class).hasMessageContaining("0x907");
    }

    @Test
    void tamperedPcrsAreCaughtByTheDigest() throws Exception {
        JsonNode evidence = attester().evidence(bytes(8, 5));
        TpmQuote quote = TpmQuote.fromJson(evidence.get("tpm_quote"), TpmQuote.Encoding.BASE64_WITH_HEX_PCRS);
        List<byte[]> altered = new ArrayList<>(quote.pcrs());
        altered.set(0, bytes(32, 1));
        TpmsAttest attest = TpmQuoteCheck.verifySignature(quote, akPublic(evidence));
        assertThatThrownBy(() -> TpmQuoteCheck.checkPcrDigest(attest, altered)).isInstanceOf(PcrDigestMismatchException.class);
    }

    @Test
    void tpmErrorsCarryTheResponseCode() throws Exception {
        try (Tpm tpm = new Tpm(swtpm.connector().open())) {
            assertThatThrownBy(() -> tpm.nvRead(0x01400001L)).isInstanceOf(TpmException.class)
                    .satisfies(e -> assertThat(((TpmException) e).responseCode()).isNotZero());
            assertThatThrownBy(() -> tpm.quote(tpm.createPrimaryAttestationKey(), new byte[65])).hasMessageContaining("at most 64");
        }
    }
}
