package io.coco4j.verifier.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.QuoteHeader;
import io.coco4j.protocol.tee.dcap.TdReport;
import io.coco4j.protocol.tee.dcap.TeeType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TCB level selection and status convergence on the dcap-qvl TDX sample and on synthetic collateral. */
class TcbEvaluatorTest {

    private final VerifiedQuote sample;
    private final JsonNode tcbJson;
    private final EnclaveIdentity qe;

    TcbEvaluatorTest() throws Exception {
        sample = new QuoteSignatureVerifier(TrustedRootCa.intel()).verify(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_QUOTE), Vectors.TDX_QVL_TIME);
        JsonNode bundle = Json.readTree(Vectors.bytes(DcapQuoteVerifierVectorTest.TDX_COLLATERAL));
        tcbJson = Json.readTree(bundle.get("tcb_info").asText());
        qe = CollateralJson.enclaveIdentity(bundle.get("qe_identity").asText().getBytes(StandardCharsets.UTF_8));
    }

    private TcbInfo tcbInfo(JsonNode json) throws Exception {
        return CollateralJson.tcbInfo(Json.writeBytes(json));
    }

    private TcbEvaluation evaluate(JsonNode json) throws Exception {
        return TcbEvaluator.evaluate(sample.quote(), sample.pck().extensions(), tcbInfo(json), qe);
    }

    @Test
    void sampleIsUpToDateAtTheFirstLevelWithModuleTdx01() throws Exception {
        TcbEvaluation result = evaluate(tcbJson);
        assertThat(result.status()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.platformLevel().pceSvn()).isEqualTo(11);
        assertThat(result.tdxModuleLevel()).map(EnclaveTcbLevel::isvSvn).contains(4);
    }

    @Test
    void everyLevelForcedToOutOfDateGivesOutOfDate() throws Exception {
        ObjectNode forced = tcbJson.deepCopy();
        forced.get("tcbLevels").forEach(level -> ((ObjectNode) level).put("tcbStatus", "OutOfDate"));
        assertThat(evaluate(forced).status()).isEqualTo(TcbStatus.OUT_OF_DATE);
    }

    @Test
    void componentCountOtherThanSixteenIsMalformed() {
        for (String list : new String[]{"sgxtcbcomponents", "tdxtcbcomponents"}) {
            ObjectNode truncated = tcbJson.deepCopy();
            ((ArrayNode) truncated.get("tcbLevels").get(0).get("tcb").get(list)).remove(15);
            assertThatThrownBy(() -> tcbInfo(truncated)).isInstanceOf(MalformedCollateralException.class).hasMessageContaining(list)
                    .hasMessageContaining("15 components");
            ObjectNode extended = tcbJson.deepCopy();
            ((ArrayNode) extended.get("tcbLevels").get(0).get("tcb").get(list)).addObject().put("svn", 0);
            assertThatThrownBy(() -> tcbInfo(extended)).isInstanceOf(MalformedCollateralException.class).hasMessageContaining("17 components");
        }
    }

    @Test
    void platformBelowEveryLevelHasNoMatchingLevel() throws Exception {
        ObjectNode raised = tcbJson.deepCopy();
        raised.get("tcbLevels").forEach(level -> ((ObjectNode) level.get("tcb")).put("pcesvn", 99));
        assertThatThrownBy(() -> evaluate(raised)).isInstanceOf(TcbLevelNotFoundException.class).hasMessageContaining("B0C06F000000");
    }

    @Test
    void unknownTdxModuleVersionIsAMismatch() throws Exception {
        ObjectNode noModule = tcbJson.deepCopy();
        ((ArrayNode) noModule.get("tdxModuleIdentities")).removeAll();
        assertThatThrownBy(() -> evaluate(noModule)).isInstanceOf(TdxModuleMismatchException.class).hasMessageContaining("TDX_01");
    }

    @Test
    void outOfDateModuleTurnsAnUpToDatePlatformOutOfDate() throws Exception {
        ObjectNode old = tcbJson.deepCopy();
        for (JsonNode identity : old.get("tdxModuleIdentities")) {
            identity.get("tcbLevels").forEach(level -> ((ObjectNode) level).put("tcbStatus", "OutOfDate"));
        }
        TcbEvaluation result = evaluate(old);
        assertThat(result.platformLevel().status()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(result.status()).isEqualTo(TcbStatus.OUT_OF_DATE);
    }

    @Test
    void convergenceRules() {
        assertThat(TcbEvaluator.converge(TcbStatus.UP_TO_DATE, TcbStatus.OUT_OF_DATE)).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(TcbEvaluator.converge(TcbStatus.SW_HARDENING_NEEDED, TcbStatus.OUT_OF_DATE)).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(TcbEvaluator.converge(TcbStatus.CONFIGURATION_NEEDED, TcbStatus.OUT_OF_DATE))
                .isEqualTo(TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED);
        assertThat(TcbEvaluator.converge(TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED, TcbStatus.OUT_OF_DATE))
                .isEqualTo(TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED);
        assertThat(TcbEvaluator.converge(TcbStatus.OUT_OF_DATE, TcbStatus.REVOKED)).isEqualTo(TcbStatus.REVOKED);
        assertThat(TcbEvaluator.converge(TcbStatus.CONFIGURATION_NEEDED, TcbStatus.UP_TO_DATE)).isEqualTo(TcbStatus.CONFIGURATION_NEEDED);
    }

    @Test
    void quotingEnclaveIdentityIsEnforced() throws Exception {
        var report = sample.quote().signatureData().qeCertification().qeReport();
        EnclaveIdentity otherSigner = new EnclaveIdentity(qe.id(), 2, qe.issueDate(), qe.nextUpdate(), 17, qe.miscSelect(), qe.miscSelectMask(),
                qe.attributes(), qe.attributesMask(), new byte[32], qe.isvProdId(), qe.tcbLevels());
        assertThatThrownBy(() -> TcbEvaluator.qeLevel(report, otherSigner)).isInstanceOf(QeIdentityMismatchException.class)
                .hasMessageContaining("MRSIGNER");
        EnclaveIdentity otherProduct = new EnclaveIdentity(qe.id(), 2, qe.issueDate(), qe.nextUpdate(), 17, qe.miscSelect(), qe.miscSelectMask(),
                qe.attributes(), qe.attributesMask(), qe.mrSigner(), 9, qe.tcbLevels());
        assertThatThrownBy(() -> TcbEvaluator.qeLevel(report, otherProduct)).isInstanceOf(QeIdentityMismatchException.class)
                .hasMessageContaining("ISVPRODID");
        EnclaveIdentity newer = new EnclaveIdentity(qe.id(), 2, qe.issueDate(), qe.nextUpdate(), 17, qe.miscSelect(), qe.miscSelectMask(),
                qe.attributes(), qe.attributesMask(), qe.mrSigner(), qe.isvProdId(),
                List.of(new EnclaveTcbLevel(99, Instant.parse("2025-01-01T00:00:00Z"), TcbStatus.UP_TO_DATE, List.of())));
        assertThatThrownBy(() -> TcbEvaluator.qeLevel(report, newer)).isInstanceOf(TcbLevelNotFoundException.class);
    }

    @Test
    void tdRelaunchIsAdvisedWhenTheUpdatedModuleWouldBeCurrent() throws Exception {
        // a TDX 1.5 TD launched on module SVN 2 (OutOfDate) whose TD-preserving update brought SVN 4 (UpToDate)
        Map<TdReport.Field, byte[]> fields = new EnumMap<>(TdReport.Field.class);
        fields.put(TdReport.Field.TEE_TCB_SVN, new byte[]{2, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        fields.put(TdReport.Field.TEE_TCB_SVN_2, new byte[]{4, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        TdReport body = TdReport.create(true, fields);
        QuoteHeader header = QuoteHeader.create(5, TeeType.TDX, new byte[4], new byte[16], new byte[20]);
        DcapQuote quote = DcapQuote.create(header, body, sample.quote().signatureData());
        TcbEvaluation result = TcbEvaluator.evaluate(quote, sample.pck().extensions(), tcbInfo(tcbJson), qe);
        assertThat(result.tdxModuleLevel()).map(EnclaveTcbLevel::status).contains(TcbStatus.OUT_OF_DATE);
        assertThat(result.status()).isEqualTo(TcbStatus.TD_RELAUNCH_ADVISED);

        fields.put(TdReport.Field.TEE_TCB_SVN_2, fields.get(TdReport.Field.TEE_TCB_SVN));
        DcapQuote notUpdated = DcapQuote.create(header, TdReport.create(true, fields), sample.quote().signatureData());
        assertThat(TcbEvaluator.evaluate(notUpdated, sample.pck().extensions(), tcbInfo(tcbJson), qe).status()).isEqualTo(TcbStatus.OUT_OF_DATE);
    }

    @Test
    void sgxTcbInfoVersion2IsRead() throws Exception {
        StringBuilder tcb = new StringBuilder("{");
        for (int i = 1; i <= 16; i++) {
            tcb.append(String.format("\"sgxtcbcomp%02dsvn\":%d,", i, i == 1 ? 11 : 0));
        }
        tcb.append("\"pcesvn\":13}");
        String json = "{\"version\":2,\"issueDate\":\"2025-06-19T10:56:11Z\",\"nextUpdate\":\"2025-07-19T10:56:11Z\",\"fmspc\":\"00A067110000\","
                + "\"pceId\":\"0000\",\"tcbType\":0,\"tcbEvaluationDataNumber\":17,\"tcbLevels\":[{\"tcb\":" + tcb
                + ",\"tcbDate\":\"2024-03-13T00:00:00Z\",\"tcbStatus\":\"SWHardeningNeeded\",\"advisoryIDs\":[\"INTEL-SA-00615\"]}]}";
        TcbInfo info = CollateralJson.tcbInfo(json.getBytes(StandardCharsets.UTF_8));
        assertThat(info.id()).isEqualTo(TcbInfo.SGX);
        assertThat(info.version()).isEqualTo(2);
        assertThat(info.tcbLevels().get(0).sgxComponents()[0]).isEqualTo(11);
        assertThat(info.tcbLevels().get(0).tdxComponents()).isEqualTo(Optional.empty());
        assertThat(info.tcbLevels().get(0).advisoryIds()).containsExactly("INTEL-SA-00615");
    }
}
