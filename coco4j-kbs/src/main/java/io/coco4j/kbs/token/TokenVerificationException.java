package io.coco4j.kbs.token;

/**
 * An attestation token that is not trusted: malformed, signed by a key outside the trust anchors,
 * tampered with, expired, or without a TEE public key. The message explains why without repeating
 * the token.
 */
public final class TokenVerificationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The KBS error variant the HTTP layer reports (type suffix of the error body). */
    public static final String ERROR_TYPE = "TokenVerifierError";

    public TokenVerificationException(String message) {
        super(message);
    }

    public TokenVerificationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@value #ERROR_TYPE}. */
    public String errorType() {
        return ERROR_TYPE;
    }
}
