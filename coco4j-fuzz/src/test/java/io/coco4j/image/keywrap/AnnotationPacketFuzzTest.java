package io.coco4j.image.keywrap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.coco4j.image.cipher.LayerCipherException;
import io.coco4j.image.cipher.PrivateLayerOptions;
import io.coco4j.image.cipher.PublicLayerOptions;

import java.nio.charset.StandardCharsets;

/**
 * What an encrypted layer's annotations carry: the attestation-agent key-provider annotation
 * packet, the private layer options it wraps and the public options annotation.
 */
public class AnnotationPacketFuzzTest {

    @FuzzTest
    public void fuzz(byte[] input) {
        try {
            AnnotationPacket packet = AnnotationPacket.parse(input);
            packet.effectiveProvider();
        } catch (KeyUnwrapException expected) {
            // refused as documented
        }
        try {
            PrivateLayerOptions.parse(input);
        } catch (LayerCipherException expected) {
            // refused as documented
        }
        try {
            PublicLayerOptions.fromAnnotation(new String(input, StandardCharsets.UTF_8));
        } catch (LayerCipherException expected) {
            // refused as documented
        }
    }
}
