package io.coco4j.image.keywrap;

/** A layer key could not be wrapped (unusable recipient key, KEK, or parameters). */
public final class KeyWrapException extends java.io.IOException {

    public KeyWrapException(String message) {
        super(message);
    }

    public KeyWrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
