package io.coco4j.guest.attester.snp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.guest.attester.EvidenceException;

/** The GUID-indexed certificate table the host hands to an SNP guest with its report. */
public class SnpCertTableFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            SnpCertTable.parse(input);
        } catch (EvidenceException expected) {
            // refused as documented
        }
    }
}
