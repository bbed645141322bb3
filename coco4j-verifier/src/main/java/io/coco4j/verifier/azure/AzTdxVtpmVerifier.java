package io.coco4j.verifier.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.protocol.tee.dcap.DcapQuote;
import io.coco4j.protocol.tee.dcap.TdReport;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.DcapSettings;
import io.coco4j.verifier.dcap.DcapVerification;
import io.coco4j.verifier.dcap.MalformedQuoteException;
import io.coco4j.verifier.dcap.QuoteSignatureVerifier;
import io.coco4j.verifier.tdx.TdxClaims;
import io.coco4j.verifier.tpm.TpmQuoteCheck;
import io.coco4j.verifier.tpm.TpmsAttest;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The {@code az-tdx-vtpm} verifier (Azure TDX confidential VMs): the vTPM quote is signed by the
 * attestation key in the HCL variable data, carries the session's report data as its nonce and
 * covers the PCR values sent; the TD quote passes full DCAP verification and its REPORTDATA starts
 * with SHA-256 of the HCL variable data, which vouches for that attestation key. Init-data is bound
 * through PCR 8. Claims: the TDX claims of the TD quote, {@code tpm} PCRs, {@code report_data}
 * (the TPM nonce), {@code init_data} (PCR 8) and the DCAP supplemental claims.
 */
public final class AzTdxVtpmVerifier implements Verifier {

    private final DcapQuoteVerifier dcap;

    public AzTdxVtpmVerifier(DcapQuoteVerifier dcap) {
        this.dcap = dcap;
    }

    public static AzTdxVtpmVerifier create(DcapSettings settings, Clock clock) {
        return new AzTdxVtpmVerifier(DcapQuoteVerifier.create(settings, clock));
    }

    @Override
    public Tee tee() {
        return Tee.AZ_TDX_VTPM;
    }

    @Override
    public List<VerifiedClaims> evaluate(JsonNode json, Expectation expectation) throws VerificationException {
        AzTdxVtpmEvidence evidence = AzTdxVtpmEvidence.parse(json);
        HclReport hcl = HclReport.parse(evidence.hclReport());
        if (hcl.reportType() != HclReportType.TDX) {
            throw new MalformedEvidenceException("az-tdx-vtpm HCL report holds a " + hcl.reportType() + " report, not TDX");
        }
        HclVarData varData = hcl.parsedVarData();

        TpmsAttest attest = TpmQuoteCheck.verifySignature(evidence.quote(), varData.attestationKey());
        if (expectation.reportData().isPresent()) {
            TpmQuoteCheck.checkNonce(attest, expectation.reportData().get());
        }
        TpmQuoteCheck.checkPcrDigest(attest, evidence.quote().pcrs());

        DcapQuote quote = QuoteSignatureVerifier.parse(evidence.tdQuote());
        if (!(quote.body() instanceof TdReport body)) {
            throw new MalformedQuoteException("the az-tdx-vtpm td_quote is an SGX quote");
        }
        DcapVerification verified = dcap.verify(quote);
        hcl.checkVarDataBinding(body.reportData());
        if (evidence.version() >= 2 && expectation.reportData().isPresent()) {
            varData.checkUserData(expectation.reportData().get());
        }
        if (expectation.initDataDigest().isPresent()) {
            TpmQuoteCheck.checkInitData(evidence.quote().pcrs(), expectation.initDataDigest().get());
        }

        HexFormat hex = HexFormat.of();
        ObjectNode claims = TdxClaims.of(quote, Optional.empty(), Optional.of(verified.pck()));
        claims.set("tpm", TpmQuoteCheck.pcrClaims(evidence.quote().pcrs()));
        claims.put("report_data", hex.formatHex(attest.extraData()));
        if (evidence.quote().pcrs().size() > TpmQuoteCheck.INIT_DATA_PCR) {
            claims.put("init_data", hex.formatHex(evidence.quote().pcrs().get(TpmQuoteCheck.INIT_DATA_PCR)));
        }
        claims.setAll(verified.supplementalClaims());
        return List.of(new VerifiedClaims(claims, TeeClass.CPU));
    }
}
