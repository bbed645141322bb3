package io.coco4j.verifier.snp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;
import io.coco4j.protocol.tee.snp.SnpReport;

/** An SNP attestation report, binary or hex, as the verifier and {@code coco4j verify} read it. */
@VectorSeeds({"snp/trustee/*.bin", "snp/virtee-sev/*.hex"})
public class SnpReportFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            SnpReport report = SnpEvidenceInputs.readReport(input);
            report.signedBytes();
            report.toBytes();
        } catch (SnpReportFormatException expected) {
            // refused as documented
        }
    }
}
