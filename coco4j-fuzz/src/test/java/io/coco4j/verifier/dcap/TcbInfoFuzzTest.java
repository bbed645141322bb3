package io.coco4j.verifier.dcap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;

/** A PCS TCB Info response: the signed member is cut out byte for byte, then parsed. */
@VectorSeeds({"tdx/trustee/tcbInfo.json", "tdx/go-tdx-guest/sample_tcbinfo_response_v5"})
public class TcbInfoFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            SignedJson signed = SignedJson.fromResponse(input, "tcbInfo", "");
            CollateralJson.tcbInfo(signed.body());
        } catch (MalformedCollateralException expected) {
            // refused as documented
        }
    }
}
