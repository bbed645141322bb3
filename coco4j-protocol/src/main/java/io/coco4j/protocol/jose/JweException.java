package io.coco4j.protocol.jose;

/** A resource JWE could not be produced or opened. */
public final class JweException extends Exception {

    public JweException(String message) {
        super(message);
    }

    public JweException(String message, Throwable cause) {
        super(message, cause);
    }
}
