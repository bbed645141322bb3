package io.coco4j.verifier.tdx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.TdReport;
import io.coco4j.protocol.tee.eventlog.CcEventLog;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.InitDataMismatchException;
import io.coco4j.verifier.ReportDataMismatchException;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.DcapSettings;
import io.coco4j.verifier.dcap.DcapVerification;
import io.coco4j.verifier.dcap.MalformedQuoteException;
import io.coco4j.verifier.dcap.QuoteSignatureVerifier;
import io.coco4j.verifier.eventlog.EventLogClaims;
import io.coco4j.verifier.eventlog.RtmrReplay;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The {@code tdx} verifier: full DCAP verification of the TD quote against offline collateral,
 * REPORTDATA = {@code regularize(runtime-data digest, 64)}, MRCONFIGID = {@code regularize(init-data
 * digest, 48)}, and, when the evidence carries a CC event log, its SHA-384 replay must give RTMR0–3.
 * Claims are the reference's TDX claims plus the DCAP supplemental claims.
 */
public final class TdxVerifier implements Verifier {

    private final DcapQuoteVerifier dcap;

    public TdxVerifier(DcapQuoteVerifier dcap) {
        this.dcap = dcap;
    }

    /** A verifier trusting Intel's root with the settings' collateral and policy. */
    public static TdxVerifier create(DcapSettings settings, Clock clock) {
        return new TdxVerifier(DcapQuoteVerifier.create(settings, clock));
    }

    @Override
    public Tee tee() {
        return Tee.TDX;
    }

    @Override
    public List<VerifiedClaims> evaluate(JsonNode evidence, Expectation expectation) throws VerificationException {
        TdxEvidence tdx = TdxEvidence.parse(evidence);
        DcapQuote quote = QuoteSignatureVerifier.parse(tdx.quote());
        if (!(quote.body() instanceof TdReport body)) {
            throw new MalformedQuoteException("the tdx evidence carries an SGX quote");
        }
        DcapVerification verified = dcap.verify(quote);
        requireBindings(body, expectation);
        Optional<CcEventLog> eventLog = Optional.empty();
        if (tdx.ccEventLog().isPresent()) {
            CcEventLog log = EventLogClaims.parse(tdx.ccEventLog().get());
            RtmrReplay.requireMatch(log, new byte[][]{body.rtmr(0), body.rtmr(1), body.rtmr(2), body.rtmr(3)});
            eventLog = Optional.of(log);
        }
        ObjectNode claims = TdxClaims.of(quote, eventLog, Optional.of(verified.pck()));
        claims.setAll(verified.supplementalClaims());
        return List.of(new VerifiedClaims(claims, TeeClass.CPU));
    }

    static void requireBindings(TdReport body, Expectation expectation) throws ReportDataMismatchException, InitDataMismatchException {
        if (expectation.reportData().isPresent()
                && !MessageDigest.isEqual(Expectation.regularize(expectation.reportData().get(), 64), body.reportData())) {
            throw new ReportDataMismatchException("REPORT_DATA is different from that in TDX Quote");
        }
        if (expectation.initDataDigest().isPresent()
                && !MessageDigest.isEqual(Expectation.regularize(expectation.initDataDigest().get(), 48), body.mrConfigId())) {
            throw new InitDataMismatchException("MRCONFIGID is different from that in TDX Quote");
        }
    }
}
