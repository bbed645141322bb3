package io.coco4j.guest.secret;

/** A sealed secret that cannot be unsealed: malformed, badly signed, or naming an unavailable provider. */
public final class SealedSecretException extends Exception {

    public SealedSecretException(String message) {
        super(message);
    }

    public SealedSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
