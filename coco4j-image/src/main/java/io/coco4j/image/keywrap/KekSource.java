package io.coco4j.image.keywrap;

import io.coco4j.protocol.resource.ResourceUri;

/** Where an unwrapper gets the key-encryption key named by an AnnotationPacket's {@code kid}. */
@FunctionalInterface
public interface KekSource {

    /** The KEK bytes; the caller wipes them after use. */
    byte[] kek(ResourceUri kid) throws KeyUnwrapException;
}
