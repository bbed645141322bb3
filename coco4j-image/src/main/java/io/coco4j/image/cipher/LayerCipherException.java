package io.coco4j.image.cipher;

/** Layer encryption parameters are missing, malformed or name a cipher coco4j does not implement. */
public class LayerCipherException extends java.io.IOException {

    public LayerCipherException(String message) {
        super(message);
    }

    public LayerCipherException(String message, Throwable cause) {
        super(message, cause);
    }
}
