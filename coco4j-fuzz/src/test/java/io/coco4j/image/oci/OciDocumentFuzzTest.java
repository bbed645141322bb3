package io.coco4j.image.oci;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.protocol.json.Json;

import java.io.IOException;

/**
 * An OCI image manifest and image index as a registry or a layout serves them: bound to the wire
 * records, then validated, exactly as the layout reader and the puller do.
 */
public class OciDocumentFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            ImageManifest manifest = Json.read(input, ImageManifest.class);
            if (manifest != null) {
                manifest.validate();
                manifest.isDocker();
            }
        } catch (IOException | IllegalArgumentException expected) {
            // refused as documented (OciFormatException is an IOException)
        }
        try {
            ImageIndex index = Json.read(input, ImageIndex.class);
            if (index != null) {
                index.validate();
                index.find("latest");
            }
        } catch (IOException | IllegalArgumentException expected) {
            // refused as documented
        }
    }
}
