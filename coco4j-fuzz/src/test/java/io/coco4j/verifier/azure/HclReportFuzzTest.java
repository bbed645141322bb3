package io.coco4j.verifier.azure;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;

/** An Azure HCL report: header, the hardware report it wraps and its runtime variable data. */
@VectorSeeds({"az-snp-vtpm/hcl-report.bin", "az-tdx-vtpm/hcl-report.bin"})
public class HclReportFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            HclReport report = HclReport.parse(input);
            switch (report.reportType()) {
                case SNP -> report.snpReport();
                case TDX -> report.tdReport();
            }
            HclVarData varData = report.parsedVarData();
            varData.vmConfiguration();
            varData.userData();
            varData.attestationKey();
            varData.endorsementKey();
        } catch (HclFormatException expected) {
            // refused as documented
        }
    }
}
