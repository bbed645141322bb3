package io.coco4j.kbs.token;

/**
 * The {@code [attestation_token]} settings cannot produce a verifier: no trust anchor at all, or a
 * certificate file or JWK set that cannot be loaded. The KBS must not start.
 */
public final class TokenVerifierInitializationException extends Exception {

    private static final long serialVersionUID = 1L;

    public TokenVerifierInitializationException(String message) {
        super(message);
    }

    public TokenVerifierInitializationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@value TokenVerificationException#ERROR_TYPE}, as the reference reports verifier set-up failures. */
    public String errorType() {
        return TokenVerificationException.ERROR_TYPE;
    }
}
