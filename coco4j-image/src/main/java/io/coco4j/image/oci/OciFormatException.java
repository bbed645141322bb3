package io.coco4j.image.oci;

/** An OCI document or layout is malformed, or not what it claims to be. */
public class OciFormatException extends java.io.IOException {

    public OciFormatException(String message) {
        super(message);
    }

    public OciFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
