package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.tee.eventlog.CcEventLog;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.dcap.testing.TestEventLogs;
import io.coco4j.verifier.dcap.testing.TestPlatform;
import io.coco4j.verifier.snp.TestSnpPlatform;
import io.coco4j.verifier.tdx.TdxEvidence;

import java.util.HexFormat;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Attestation bodies of simulated SNP and TDX guests: a report signed by a generated vendor chain
 * whose report data binds the guest's session nonce and key, as a real attester's would.
 */
final class HardwareGuests {

    private HardwareGuests() {
    }

    /** The 64-byte report data binding {@code guest}'s nonce and key, with no device evidence. */
    static byte[] reportData(TestKbs.Guest guest) {
        return reportData(guest, "");
    }

    /** The 64-byte report data binding {@code guest}'s nonce and key and the {@code additional_evidence} string. */
    static byte[] reportData(TestKbs.Guest guest, String additionalEvidence) {
        return Expectation.regularize(RuntimeData.digest(new RuntimeData(guest.nonce, guest.key.publicJwk()).primaryBinding(additionalEvidence),
                HashAlgorithm.SHA384), 64);
    }

    /** An SNP report from {@code vcek}, edited by {@code edit} before it is signed. */
    static ObjectNode snp(TestKbs.Guest guest, TestSnpPlatform.Vcek vcek, UnaryOperator<SnpReport.Builder> edit) {
        try {
            return guest.attestation(vcek.evidence(vcek.sign(edit.apply(vcek.report().reportData(reportData(guest))))));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the test report", e);
        }
    }

    static ObjectNode snp(TestKbs.Guest guest, TestSnpPlatform.Vcek vcek) {
        return snp(guest, vcek, UnaryOperator.identity());
    }

    /** A TD quote of {@code platform} with the given TD attributes and the sample CC event log. */
    static ObjectNode tdx(TestKbs.Guest guest, TestPlatform platform, long tdAttributes) {
        CcEventLog log = TestEventLogs.sample();
        byte[] quote = platform.tdxQuote(TestPlatform.tdReport(reportData(guest), new byte[48], TestEventLogs.rtmrs(log), tdAttributes));
        return guest.attestation(TdxEvidence.toJson(quote, Optional.of(log.encode())));
    }

    /** Reference values (JSON members) for the TDs {@link #tdx} makes: MRTD, XFAM and the RTMRs of the sample event log. */
    static String tdxReferenceValues() {
        byte[][] rtmrs = TestEventLogs.rtmrs(TestEventLogs.sample());
        return "\"mr_td\":[\"" + "5a".repeat(48) + "\"],\"xfam\":[\"0000000000000000\"],"
                + "\"rtmr_1\":[\"" + HexFormat.of().formatHex(rtmrs[1]) + "\"],\"rtmr_2\":[\"" + HexFormat.of().formatHex(rtmrs[2]) + "\"]";
    }
}
