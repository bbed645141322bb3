package io.coco4j.rvps.corim;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;
import io.coco4j.protocol.jose.FixedKeys;
import io.coco4j.rvps.InvalidMessageException;
import io.coco4j.rvps.ProvenanceException;

import java.util.Base64;
import java.util.List;

/** A CoRIM (unsigned, or COSE_Sign1-signed) registered as reference values: CBOR, tags, CoMIDs. */
@VectorSeeds({"rvps/*.cbor"})
public class CorimFuzzTest {

    private final CorimExtractor extractor = extractor();

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            CorimExtractor.referenceValues(input);
        } catch (InvalidMessageException expected) {
            // refused as documented
        }
        try {
            extractor.extract(Base64.getEncoder().encodeToString(input));
        } catch (InvalidMessageException | ProvenanceException expected) {
            // refused as documented
        }
    }

    private static CorimExtractor extractor() {
        try {
            return new CorimExtractor(List.of(FixedKeys.p256(0x55).getPublic()), true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the CoRIM signing key", e);
        }
    }
}
