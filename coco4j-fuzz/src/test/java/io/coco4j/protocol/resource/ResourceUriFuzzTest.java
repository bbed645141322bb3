package io.coco4j.protocol.resource;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.guest.cdh.ResourceException;
import io.coco4j.guest.cdh.ResourceUris;

import java.nio.charset.StandardCharsets;

/** A KBS resource URI as the KBS client and the confidential data hub read it. */
public class ResourceUriFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            ResourceUri uri = ResourceUri.parse(text);
            if (uri.segments().isEmpty()) {
                throw new AssertionError("a resource URI without a path was accepted: " + text);
            }
            ResourceUri.isValidResourcePath(uri.segments());
        } catch (IllegalArgumentException expected) {
            // refused as documented
        }
        try {
            ResourceUris.parse(text);
        } catch (ResourceException expected) {
            // refused as documented
        }
    }
}
