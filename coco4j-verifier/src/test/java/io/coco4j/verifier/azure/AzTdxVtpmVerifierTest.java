package io.coco4j.verifier.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.TdReport;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.CollateralUnavailableException;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.TrustedRootCa;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.tpm.PcrDigestMismatchException;
import io.coco4j.verifier.tpm.Pcr8InitDataMismatchException;
import io.coco4j.verifier.tpm.TpmNonceMismatchException;
import io.coco4j.verifier.tpm.TpmQuote;
import io.coco4j.verifier.tpm.TpmQuoteSignatureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The az-tdx-vtpm/ vectors: the real HCL report and vTPM quote, with the TD quote either the real
 * one (whose collateral is not offline) or one from a generated DCAP platform that binds the same
 * HCL variable data.
 */
class AzTdxVtpmVerifierTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] CHALLENGE = "challenge".getBytes(StandardCharsets.US_ASCII);
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path collateral;

    private byte[] hcl;
    private TpmQuote tpm;
    private TestDcapPki pki;
    private TestPlatform platform;

    private static byte[] vector(String path) throws Exception {
        return Files.readAllBytes(TestVectors.resolve(path));
    }

    @BeforeEach
    void setUp() throws Exception {
        hcl = vector("az-tdx-vtpm/hcl-report.bin");
        tpm = TpmQuote.fromJson(Json.readTree(vector("az-tdx-vtpm/tpm-quote-v1.json")), TpmQuote.Encoding.HEX);
        pki = TestDcapPki.generate(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(365)));
        platform = pki.platform(HEX.parseHex("00806f050000"), new int[]{3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0}, 11);
        pki.writeTdxCollateral(collateral, platform, "UpToDate", List.of(), NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(29)));
    }

    private AzTdxVtpmVerifier testRootVerifier() {
        return new AzTdxVtpmVerifier(new DcapQuoteVerifier(pki.trustedRoot(), new CollateralDirectory(collateral),
                TcbStatus.referenceAccepted(), Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    /** A TD quote of the generated platform whose REPORTDATA binds {@code reportData}. */
    private byte[] tdQuote(byte[] reportData) {
        byte[][] rtmrs = {new byte[48], new byte[48], new byte[48], new byte[48]};
        return platform.tdxQuote(TestPlatform.tdReport(Arrays.copyOf(reportData, 64), new byte[48], rtmrs, 1L << 28));
    }

    private byte[] varDataDigest() throws Exception {
        return HclReport.parse(hcl).varDataDigest();
    }

    @Test
    void hclVariableDataIsBoundIntoTheRealTdQuote() throws Exception {
        HclReport report = HclReport.parse(hcl);
        assertThat(report.reportType()).isEqualTo(HclReportType.TDX);
        assertThat(HEX.formatHex(report.varDataDigest())).isEqualTo("9734504f161d104c74e3165c15f779b06a9bb40dfa71937817d7eee68e593839");
        TdReport body = (TdReport) DcapQuote.parse(vector("az-tdx-vtpm/td-quote.bin")).body();
        report.checkVarDataBinding(body.reportData());
        byte[] altered = hcl.clone();
        altered[0x880]++;
        assertThatThrownBy(() -> HclReport.parse(altered).checkVarDataBinding(body.reportData()))
                .isInstanceOf(VarDataDigestMismatchException.class);
    }

    @Test
    void evidenceV1VerifiesWithTheVtpmQuoteAndAGeneratedTdQuote() throws Exception {
        JsonNode evidence = AzTdxVtpmEvidence.toJson(1, tpm, hcl, tdQuote(varDataDigest()));
        ObjectNode claims = testRootVerifier().evaluate(evidence, Expectation.of(CHALLENGE, null)).get(0).claims();
        assertThat(claims.get("report_data").asText()).isEqualTo("6368616c6c656e6765");
        assertThat(claims.at("/tpm/pcr00").asText()).isEqualTo("782b20b10f55cc46e2142cc2145d548698073e5beb82752c8d7f9279f0d8a273");
        assertThat(claims.get("init_data").asText()).isEqualTo(claims.at("/tpm/pcr08").asText());
        assertThat(claims.at("/quote/header/version").asText()).isEqualTo("0400");
        assertThat(claims.at("/quote/body/report_data").asText()).startsWith("9734504f161d104c");
        assertThat(claims.get("td_attributes").get("debug").asBoolean()).isFalse();
        assertThat(claims.get("tcb_status").asText()).isEqualTo("UpToDate");
        assertThat(claims.has("uefi_event_logs")).isFalse();
    }

    @Test
    void legacyV0EvidencePassesItsTpmChecksAndThenNeedsCollateral() throws Exception {
        JsonNode evidence = Json.readTree(vector("az-tdx-vtpm/evidence-v0.json"));
        AzTdxVtpmVerifier intel = new AzTdxVtpmVerifier(new DcapQuoteVerifier(TrustedRootCa.intel(), new CollateralDirectory(collateral.resolve("empty")),
                TcbStatus.referenceAccepted(), Duration.ofMinutes(10), Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC)));
        assertThatThrownBy(() -> intel.evaluate(evidence, Expectation.of(CHALLENGE, null)))
                .isInstanceOf(CollateralUnavailableException.class).hasMessageContaining("00806F050000");
        assertThatThrownBy(() -> intel.evaluate(evidence, Expectation.of("wrong".getBytes(StandardCharsets.US_ASCII), null)))
                .isInstanceOf(TpmNonceMismatchException.class);
    }

    @Test
    void tdQuoteNotBindingTheVariableDataIsRefused() throws Exception {
        JsonNode evidence = AzTdxVtpmEvidence.toJson(1, tpm, hcl, tdQuote(new byte[32]));
        assertThatThrownBy(() -> testRootVerifier().evaluate(evidence, Expectation.of(CHALLENGE, null)))
                .isInstanceOf(VarDataDigestMismatchException.class);
    }

    @Test
    void alteredPcrOrSignatureIsRefused() throws Exception {
        ObjectNode evidence = AzTdxVtpmEvidence.toJson(1, tpm, hcl, tdQuote(varDataDigest()));
        ObjectNode pcr = evidence.deepCopy();
        ((ArrayNode) pcr.with("tpm_quote").get("pcrs")).set(3, Json.mapper().getNodeFactory().textNode("00".repeat(32)));
        assertThatThrownBy(() -> testRootVerifier().evaluate(pcr, Expectation.of(CHALLENGE, null))).isInstanceOf(PcrDigestMismatchException.class);
        ObjectNode signature = evidence.deepCopy();
        String sig = signature.with("tpm_quote").get("signature").asText();
        signature.with("tpm_quote").put("signature", sig.substring(0, sig.length() - 2) + (sig.endsWith("00") ? "01" : "00"));
        assertThatThrownBy(() -> testRootVerifier().evaluate(signature, Expectation.of(CHALLENGE, null)))
                .isInstanceOf(TpmQuoteSignatureException.class);
    }

    @Test
    void initDataIsBoundThroughPcr8() throws Exception {
        JsonNode evidence = AzTdxVtpmEvidence.toJson(1, tpm, hcl, tdQuote(varDataDigest()));
        assertThatThrownBy(() -> testRootVerifier().evaluate(evidence, Expectation.of(CHALLENGE, new byte[32])))
                .isInstanceOf(Pcr8InitDataMismatchException.class);
    }

    @Test
    void malformedEvidence() throws Exception {
        assertThatThrownBy(() -> testRootVerifier().evaluate(Json.readTree("{\"version\":3}"), Expectation.none()))
                .isInstanceOf(MalformedEvidenceException.class);
        assertThatThrownBy(() -> testRootVerifier().evaluate(Json.readTree("[]"), Expectation.none()))
                .isInstanceOf(MalformedEvidenceException.class);
    }
}
