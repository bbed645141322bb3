package io.coco4j.verifier.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import io.coco4j.protocol.tee.snp.SnpCertEntry;
import io.coco4j.protocol.tee.snp.SnpCertType;
import io.coco4j.protocol.tee.snp.SnpReport;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.VerificationException;
import io.coco4j.verifier.VerifiedClaims;
import io.coco4j.verifier.Verifier;
import io.coco4j.verifier.snp.SnpClaims;
import io.coco4j.verifier.snp.SnpReportFormatException;
import io.coco4j.verifier.snp.SnpReportVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.tpm.TpmQuoteCheck;
import io.coco4j.verifier.tpm.TpmsAttest;

import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code az-snp-vtpm} verifier (Azure confidential VMs): the vTPM quote is signed by the
 * attestation key found in the HCL variable data, carries the session's report data as its nonce
 * and covers the PCR values sent; the variable data is bound into the SNP report's report_data;
 * the SNP report is verified like any other (chain to the pinned AMD root, chip, TCB, signature,
 * VMPL 0). Init-data is bound through PCR 8.
 */
public final class AzSnpVtpmVerifier implements Verifier {

    private final SnpReportVerifier reports;

    public AzSnpVtpmVerifier(SnpReportVerifier reports) {
        this.reports = reports;
    }

    public static AzSnpVtpmVerifier create(SnpVerifierSettings settings, Clock clock) {
        return new AzSnpVtpmVerifier(new SnpReportVerifier(settings, clock));
    }

    @Override
    public Tee tee() {
        return Tee.AZ_SNP_VTPM;
    }

    @Override
    public List<VerifiedClaims> evaluate(JsonNode json, Expectation expectation) throws VerificationException {
        AzSnpVtpmEvidence evidence = AzSnpVtpmEvidence.parse(json);
        HclReport hcl = HclReport.parse(evidence.hclReport());
        HclVarData varData = hcl.parsedVarData();

        TpmsAttest attest = TpmQuoteCheck.verifySignature(evidence.quote(), varData.attestationKey());
        if (expectation.reportData().isPresent()) {
            TpmQuoteCheck.checkNonce(attest, expectation.reportData().get());
        }
        TpmQuoteCheck.checkPcrDigest(attest, evidence.quote().pcrs());

        SnpReport snp = hcl.snpReport();
        hcl.checkVarDataBinding(snp.reportData());
        if (evidence.version() >= 2 && expectation.reportData().isPresent()) {
            varData.checkUserData(expectation.reportData().get());
        }
        reports.verify(snp, List.of(new SnpCertEntry(SnpCertType.VCEK, der(evidence.vcek()))));
        if (expectation.initDataDigest().isPresent()) {
            TpmQuoteCheck.checkInitData(evidence.quote().pcrs(), expectation.initDataDigest().get());
        }

        HexFormat hex = HexFormat.of();
        ObjectNode claims = SnpClaims.asStrings(snp);
        claims.set("tpm", TpmQuoteCheck.pcrClaims(evidence.quote().pcrs()));
        claims.put("report_data", hex.formatHex(attest.extraData()));
        if (evidence.quote().pcrs().size() > TpmQuoteCheck.INIT_DATA_PCR) {
            claims.put("init_data", hex.formatHex(evidence.quote().pcrs().get(TpmQuoteCheck.INIT_DATA_PCR)));
        }
        return List.of(new VerifiedClaims(claims, TeeClass.CPU));
    }

    private static byte[] der(byte[] derOrPem) throws SnpReportFormatException {
        try {
            return io.coco4j.verifier.snp.SnpCertificates.readOne(derOrPem).getEncoded();
        } catch (CertificateException e) {
            throw new SnpReportFormatException("az-snp-vtpm vcek is not a certificate", e);
        }
    }
}
