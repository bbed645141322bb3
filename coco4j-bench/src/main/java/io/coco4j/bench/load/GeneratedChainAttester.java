package io.coco4j.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.protocol.tee.Tee;

import java.util.Arrays;

/**
 * A hardware TEE's attester whose reports are signed by a vendor chain generated for the run: the
 * report data is zero-padded to the 64 bytes of the report field, as SNP and TDX firmware take it.
 */
final class GeneratedChainAttester implements Attester {

    /** Makes the evidence JSON of a report carrying exactly these 64 bytes of report data. */
    interface ReportSigner {
        JsonNode evidence(byte[] reportData) throws Exception;
    }

    private static final int REPORT_DATA_LENGTH = 64;

    private final Tee tee;
    private final ReportSigner signer;

    GeneratedChainAttester(Tee tee, ReportSigner signer) {
        this.tee = tee;
        this.signer = signer;
    }

    @Override
    public Tee tee() {
        return tee;
    }

    @Override
    public JsonNode evidence(byte[] reportData) throws EvidenceException {
        if (reportData.length > REPORT_DATA_LENGTH) {
            throw new EvidenceException(tee + " report data must be at most " + REPORT_DATA_LENGTH + " bytes, got " + reportData.length);
        }
        try {
            return signer.evidence(Arrays.copyOf(reportData, REPORT_DATA_LENGTH));
        } catch (Exception e) {
            throw new EvidenceException("cannot sign the " + tee + " report: " + e.getMessage(), e);
        }
    }
}
