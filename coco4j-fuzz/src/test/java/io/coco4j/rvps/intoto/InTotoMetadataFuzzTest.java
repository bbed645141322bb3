package io.coco4j.rvps.intoto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.fuzz.VectorSeeds;

/** in-toto metadata (metablock or DSSE) and the layout or link it signs. */
@VectorSeeds({"in-toto/*/*.link", "in-toto/*/demo.layout*"})
public class InTotoMetadataFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            SignedMetadata metadata = SignedMetadata.parse(input, "fuzz input");
            metadata.claimedSigners();
            switch (metadata.type()) {
                case "layout" -> Layout.parse(metadata.payload(), "fuzz layout");
                case "link" -> Link.parse(metadata.payload(), "fuzz link");
                default -> { }
            }
        } catch (InTotoFormatException expected) {
            // refused as documented
        }
    }
}
