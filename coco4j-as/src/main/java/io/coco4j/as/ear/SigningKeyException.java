package io.coco4j.as.ear;

/** The configured token signer cannot be used: unreadable, not a P-256 key, or a certificate that does not match it. */
public class SigningKeyException extends Exception {

    public SigningKeyException(String message) {
        super(message);
    }

    public SigningKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
