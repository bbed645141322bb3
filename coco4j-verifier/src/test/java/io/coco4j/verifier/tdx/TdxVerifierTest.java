package io.coco4j.verifier.tdx;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.TdReport;
import io.coco4j.protocol.tee.eventlog.CcEventLog;
import io.coco4j.protocol.testing.TestVectors;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.InitDataMismatchException;
import io.coco4j.verifier.ReportDataMismatchException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.dcap.CollateralBundle;
import io.coco4j.verifier.dcap.CollateralDirectory;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.MalformedQuoteException;
import io.coco4j.verifier.dcap.QuoteSignatureVerifier;
import io.coco4j.verifier.dcap.TcbStatus;
import io.coco4j.verifier.dcap.TcbUpdateType;
import io.coco4j.verifier.dcap.TrustedRootCa;
import io.coco4j.verifier.dcap.testing.TestDcapPki;
import io.coco4j.verifier.dcap.testing.TestEventLogs;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.eventlog.EventLogClaims;
import io.coco4j.verifier.eventlog.RtmrReplay;
import io.coco4j.verifier.eventlog.RtmrReplayMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TdxVerifierTest {

    private static final Instant QVL_TIME = Instant.ofEpochSecond(1752919234);

    @TempDir
    Path temp;

    private static byte[] vector(String path) throws Exception {
        return Files.readAllBytes(TestVectors.resolve(path));
    }

    private static JsonNode normalised(JsonNode node) throws Exception {
        return Json.readTree(Json.write(node));
    }

    @Test
    void parsedClaimsOfQuote4AndCcelEqualTheReference() throws Exception {
        byte[] raw = vector("tdx/trustee/tdx_quote_4.dat");
        var verified = new QuoteSignatureVerifier(TrustedRootCa.intel()).verify(raw, Instant.parse("2025-01-01T00:00:00Z"));
        CcEventLog log = EventLogClaims.parse(vector("eventlog/trustee/CCEL_data"));
        JsonNode claims = TdxClaims.of(verified.quote(), Optional.of(log), Optional.of(verified.pck().extensions()));
        assertThat(normalised(claims)).isEqualTo(Json.readTree(vector("tdx/trustee/parse_tdx_claims_expected.json")));
    }

    @Test
    void quoteV5ClaimsCarryTypeSizeAndTdx15Fields() throws Exception {
        DcapQuote quote = DcapQuote.parse(vector("tdx/trustee/tdx_quote_5.dat"));
        JsonNode claims = TdxClaims.of(quote, Optional.empty(), Optional.empty());
        assertThat(claims.at("/quote/header/version").asText()).isEqualTo("0500");
        assertThat(claims.at("/quote/type").asText()).isEqualTo("0300");
        assertThat(claims.at("/quote/size").asText()).isEqualTo("88020000");
        assertThat(claims.at("/quote/body/tee_tcb_svn2").asText()).isEqualTo("05010200000000000000000000000000");
        assertThat(claims.at("/quote/body/mr_servicetd").asText()).startsWith("383c87d3");
        assertThat(claims.at("/td_attributes/debug").asBoolean()).isFalse();
        assertThat(claims.has("uefi_event_logs")).isFalse();
        assertThat(claims.has("platform_instance_id")).isFalse();
    }

    private static TdxVerifier qvlSampleVerifier() {
        DcapQuoteVerifier dcap = new DcapQuoteVerifier(TrustedRootCa.intel(),
                new CollateralBundle(TestVectors.resolve("tdx/dcap-qvl/tdx_quote_collateral.json"), TcbUpdateType.EARLY),
                TcbStatus.referenceAccepted(), Duration.ofMinutes(10), Clock.fixed(QVL_TIME, ZoneOffset.UTC));
        return new TdxVerifier(dcap);
    }

    @Test
    void dcapQvlSampleVerifiesWithItsBindingsAndClaims() throws Exception {
        byte[] raw = vector("tdx/dcap-qvl/tdx_quote");
        TdReport body = (TdReport) DcapQuote.parse(raw).body();
        JsonNode evidence = TdxEvidence.toJson(raw, Optional.empty());
        // a 48-byte SHA-384 digest is compared after zero padding to 64 bytes
        List<VerifiedClaims> result = qvlSampleVerifier().evaluate(evidence, Expectation.of(Arrays.copyOf(body.reportData(), 64), new byte[32]));
        JsonNode claims = result.get(0).claims();
        assertThat(claims.get("tcb_status").asText()).isEqualTo("UpToDate");
        assertThat(claims.get("advisory_ids")).isEmpty();
        assertThat(claims.get("report_data").asText()).startsWith("9a9d48e7f6799642");
        assertThat(claims.at("/quote/body/mr_td").asText()).startsWith("91eb2b44d141d4ece09f0c75c2c53d24");
        assertThat(claims.get("td_attributes").get("debug").asBoolean()).isFalse();
        assertThat(claims.get("collateral_expiration_status").asText()).isEqualTo("0");
    }

    @Test
    void reportDataAndMrConfigIdMismatchesAreRefused() throws Exception {
        JsonNode evidence = TdxEvidence.toJson(vector("tdx/dcap-qvl/tdx_quote"), Optional.empty());
        assertThatThrownBy(() -> qvlSampleVerifier().evaluate(evidence, Expectation.of(new byte[48], null)))
                .isInstanceOf(ReportDataMismatchException.class);
        byte[] initData = new byte[32];
        initData[0] = 1;
        assertThatThrownBy(() -> qvlSampleVerifier().evaluate(evidence, Expectation.of(null, initData)))
                .isInstanceOf(InitDataMismatchException.class);
    }

    @Test
    void sgxQuoteInTdxEvidenceIsMalformed() throws Exception {
        JsonNode evidence = TdxEvidence.toJson(vector("sgx/dcap-qvl/sgx_quote"), Optional.empty());
        assertThatThrownBy(() -> qvlSampleVerifier().evaluate(evidence, Expectation.none())).isInstanceOf(MalformedQuoteException.class);
    }

    @Test
    void evidenceWithoutQuoteIsMalformed() throws Exception {
        assertThatThrownBy(() -> qvlSampleVerifier().evaluate(Json.readTree("{\"cc_eventlog\":null}"), Expectation.none()))
                .isInstanceOf(io.coco4j.verifier.MalformedEvidenceException.class).hasMessageContaining("quote");
        assertThatThrownBy(() -> qvlSampleVerifier().evaluate(Json.readTree("{\"quote\":\"\"}"), Expectation.none()))
                .isInstanceOf(io.coco4j.verifier.MalformedEvidenceException.class).hasMessageContaining("empty");
    }

    @Test
    void trusteeCcelComesFromAnotherBootThanQuote4() throws Exception {
        // the reference's claims test pairs them without replaying; verification replays and refuses
        TdReport body = (TdReport) DcapQuote.parse(vector("tdx/trustee/tdx_quote_4.dat")).body();
        CcEventLog log = EventLogClaims.parse(vector("eventlog/trustee/CCEL_data"));
        assertThatThrownBy(() -> RtmrReplay.requireMatch(log, new byte[][]{body.rtmr(0), body.rtmr(1), body.rtmr(2), body.rtmr(3)}))
                .isInstanceOf(RtmrReplayMismatchException.class).hasMessageContaining("[index = 1]");
    }

    @Test
    void gcpQuoteRtmrsReplayFromItsCcel() throws Exception {
        TdReport body = (TdReport) DcapQuote.parse(vector("eventlog/go-tdx-guest/cos-113-tdx-quote.dat")).body();
        CcEventLog log = EventLogClaims.parse(vector("eventlog/go-tdx-guest/ccel_data.dat"));
        RtmrReplay.requireMatch(log, new byte[][]{body.rtmr(0), body.rtmr(1), body.rtmr(2), body.rtmr(3)});
        assertThat(body.reportData()).isEqualTo(vector("eventlog/go-tdx-guest/nonce.dat"));
    }

    private TdxVerifier testPlatformVerifier(TestDcapPki pki, Instant now) {
        return new TdxVerifier(new DcapQuoteVerifier(pki.trustedRoot(), new CollateralDirectory(temp), TcbStatus.referenceAccepted(),
                Duration.ofMinutes(10), Clock.fixed(now, ZoneOffset.UTC)));
    }

    @Test
    void eventLogIsReplayedAndExposedWithItsAaelEntries() throws Exception {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        TestDcapPki pki = TestDcapPki.generate(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365)));
        TestPlatform platform = pki.platform(HexFormat.of().parseHex("00906ed50000"), new int[]{3, 3, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0}, 11);
        pki.writeTdxCollateral(temp, platform, "UpToDate", List.of(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(29)));
        CcEventLog log = TestEventLogs.sample();
        byte[] reportData = new byte[64];
        reportData[0] = 7;
        byte[] quote = platform.tdxQuote(TestPlatform.tdReport(reportData, new byte[48], TestEventLogs.rtmrs(log), 1L << 28));
        JsonNode evidence = TdxEvidence.toJson(quote, Optional.of(log.encode()));

        JsonNode claims = testPlatformVerifier(pki, now).evaluate(evidence, Expectation.of(Arrays.copyOf(reportData, 48), null)).get(0).claims();
        assertThat(claims.get("uefi_event_logs")).hasSize(3);
        JsonNode aael = claims.get("uefi_event_logs").get(2);
        assertThat(aael.get("index").asInt()).isEqualTo(4);
        assertThat(aael.at("/details/unicode_name").asText()).isEqualTo("AAEL");
        assertThat(aael.at("/details/data/operation").asText()).isEqualTo("InitData");
        assertThat(aael.at("/details/data/content/digest").asText()).isEqualTo("sha384:00");
        assertThat(aael.get("digest_matches_event").asBoolean()).isTrue();
        assertThat(claims.get("uefi_event_logs").get(1).at("/details/string").asText()).isEqualTo("grub_kernel_cmdline /vmlinuz root=/dev/vda1");
        assertThat(claims.get("tcb_status").asText()).isEqualTo("UpToDate");
        assertThat(claims.get("td_attributes").get("septve_disable").asBoolean()).isTrue();
        assertThat(claims.get("platform_instance_id").asText()).hasSize(32);

        byte[][] wrong = TestEventLogs.rtmrs(log);
        wrong[3] = new byte[48];
        byte[] mismatched = platform.tdxQuote(TestPlatform.tdReport(reportData, new byte[48], wrong, 0));
        assertThatThrownBy(() -> testPlatformVerifier(pki, now).evaluate(TdxEvidence.toJson(mismatched, Optional.of(log.encode())), Expectation.none()))
                .isInstanceOf(RtmrReplayMismatchException.class).hasMessageContaining("[index = 4]");
    }
}
