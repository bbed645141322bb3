package io.coco4j.verifier.cca;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;

/** An Arm CCA attestation token (CBOR collection of two COSE_Sign1 tokens) and the claims of both. */
@VectorSeeds({"cca/*.cbor"})
public class CcaTokenFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            CcaToken token = CcaToken.parse(input);
            CcaClaims.platformJson(token.platform().claims("platform token"));
            CcaClaims.realmJson(token.realm().claims("realm token"));
        } catch (CcaTokenFormatException expected) {
            // refused as documented
        }
    }
}
