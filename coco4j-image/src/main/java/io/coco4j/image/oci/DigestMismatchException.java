package io.coco4j.image.oci;

/** A blob's content does not match the digest or size its descriptor promised. */
public final class DigestMismatchException extends OciFormatException {

    public DigestMismatchException(String message) {
        super(message);
    }
}
