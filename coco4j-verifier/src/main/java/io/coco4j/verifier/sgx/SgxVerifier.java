package io.coco4j.verifier.sgx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.EnclaveReport;
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

import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The {@code sgx} verifier (Enclave-CC, Occlum): full DCAP verification of the SGX quote,
 * REPORTDATA = {@code regularize(runtime-data digest, 64)} and CONFIGID =
 * {@code regularize(init-data digest, 64)}. Claims are the reference's SGX claims plus the DCAP
 * supplemental claims.
 */
public final class SgxVerifier implements Verifier {

    private final DcapQuoteVerifier dcap;

    public SgxVerifier(DcapQuoteVerifier dcap) {
        this.dcap = dcap;
    }

    public static SgxVerifier create(DcapSettings settings, Clock clock) {
        return new SgxVerifier(DcapQuoteVerifier.create(settings, clock));
    }

    @Override
    public Tee tee() {
        return Tee.SGX;
    }

    @Override
    public List<VerifiedClaims> evaluate(JsonNode evidence, Expectation expectation) throws VerificationException {
        DcapQuote quote = QuoteSignatureVerifier.parse(SgxEvidence.parse(evidence).quote());
        if (!(quote.body() instanceof EnclaveReport body)) {
            throw new MalformedQuoteException("the sgx evidence carries a TDX quote");
        }
        DcapVerification verified = dcap.verify(quote);
        if (expectation.reportData().isPresent()
                && !MessageDigest.isEqual(Expectation.regularize(expectation.reportData().get(), 64), body.reportData())) {
            throw new ReportDataMismatchException("REPORT_DATA is different from that in SGX Quote");
        }
        if (expectation.initDataDigest().isPresent()
                && !MessageDigest.isEqual(Expectation.regularize(expectation.initDataDigest().get(), 64), body.configId())) {
            throw new InitDataMismatchException("CONFIGID is different from that in SGX Quote");
        }
        ObjectNode claims = SgxClaims.of(quote, Optional.of(verified.pck()));
        claims.setAll(verified.supplementalClaims());
        return List.of(new VerifiedClaims(claims, TeeClass.CPU));
    }
}
