package io.coco4j.verifier;

/**
 * Evidence failed verification. Each failed check has its own subtype so callers and tests can
 * tell a bad signature from a stale nonce; messages never carry secrets.
 */
public class VerificationException extends Exception {

    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
