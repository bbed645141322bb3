package io.coco4j.image.unpack;

/** A layer expands beyond the unpacking limits (total size, ratio to its compressed size, or entry count). */
public final class DecompressionBombException extends UnpackException {

    public DecompressionBombException(String message) {
        super(message);
    }
}
