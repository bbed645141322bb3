package io.coco4j.image.keywrap;

/** A wrapped layer key could not be recovered; the message says why, never with key material. */
public class KeyUnwrapException extends java.io.IOException {

    public KeyUnwrapException(String message) {
        super(message);
    }

    public KeyUnwrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
