package io.coco4j.verifier.tpm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;

/** TPM2 quote structures: the same bytes are read as TPMS_ATTEST and as TPMT_SIGNATURE. */
@VectorSeeds({"az-snp-vtpm/tpm-quote.msg", "az-snp-vtpm/tpm-quote.sig"})
public class TpmStructuresFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            TpmsAttest.parse(input);
        } catch (TpmFormatException expected) {
            // refused as documented
        }
        try {
            TpmtSignature.parse(input);
        } catch (TpmFormatException expected) {
            // refused as documented
        }
    }
}
