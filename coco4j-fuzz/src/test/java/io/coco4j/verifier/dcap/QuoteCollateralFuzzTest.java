package io.coco4j.verifier.dcap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;

/** A collateral bundle as dcap-qvl serialises it (TCB info, QE identity, CRLs and chains in one JSON). */
@VectorSeeds({"tdx/dcap-qvl/*.json", "sgx/dcap-qvl/*.json"})
public class QuoteCollateralFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            CollateralBundle.parseQuoteCollateral(input);
        } catch (MalformedCollateralException expected) {
            // refused as documented
        }
    }
}
