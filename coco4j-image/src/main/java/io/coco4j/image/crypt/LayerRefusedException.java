package io.coco4j.image.crypt;

/** A layer cannot be encrypted (already encrypted, not a tar layer, or zstd, which CoCo guests cannot decrypt). */
public final class LayerRefusedException extends java.io.IOException {

    public LayerRefusedException(String message) {
        super(message);
    }
}
