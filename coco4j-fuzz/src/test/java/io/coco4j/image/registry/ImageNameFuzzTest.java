package io.coco4j.image.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.image.oci.Digest;
import io.coco4j.image.oci.ImageReference;

import java.nio.charset.StandardCharsets;

/** Image names, layout references, digests and a registry's Bearer challenge header. */
public class ImageNameFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            ImageName name = ImageName.parse(text);
            name.reference();
            name.apiHost();
        } catch (IllegalArgumentException expected) {
            // refused as documented
        }
        try {
            ImageReference.parse(text);
        } catch (IllegalArgumentException expected) {
            // refused as documented
        }
        try {
            Digest.parse(text).blobPath();
        } catch (IllegalArgumentException expected) {
            // refused as documented
        }
        BearerChallenge.parse(text);
    }
}
