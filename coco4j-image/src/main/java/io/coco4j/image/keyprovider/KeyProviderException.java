package io.coco4j.image.keyprovider;

/** A key-provider request was malformed or could not be served; the message goes back to the caller. */
public final class KeyProviderException extends Exception {

    public KeyProviderException(String message) {
        super(message);
    }

    public KeyProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
