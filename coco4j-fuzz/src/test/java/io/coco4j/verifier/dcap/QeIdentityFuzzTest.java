package io.coco4j.verifier.dcap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;

/** A PCS QE Identity response: the signed member is cut out byte for byte, then parsed. */
@VectorSeeds({"tdx/trustee/enclaveIdentity.json", "tdx/go-tdx-guest/sample_qeIdentity_response"})
public class QeIdentityFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            SignedJson signed = SignedJson.fromResponse(input, "enclaveIdentity", "");
            CollateralJson.enclaveIdentity(signed.body());
        } catch (MalformedCollateralException expected) {
            // refused as documented
        }
    }
}
