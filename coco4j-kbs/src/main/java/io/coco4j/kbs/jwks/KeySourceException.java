package io.coco4j.kbs.jwks;

/** A key source ({@code https://}, {@code file://} or a path) that could not be read or understood. */
public final class KeySourceException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeySourceException(String message) {
        super(message);
    }

    public KeySourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
