package io.coco4j.as;

/**
 * An attestation was refused. The message is a reason the KBS can log: it names the TEE, the check
 * and the policy, never evidence values or keys. {@link #kind()} tells verification, init-data, policy
 * and token failures apart; each kind has its own subtype.
 */
public abstract class AttestationException extends Exception {

    /** What failed. */
    public enum Kind {
        /** The request itself: no evidence, no policy id. */
        INVALID_REQUEST,
        /** The evidence: unsupported TEE, bad signature or chain, report data or init-data not bound. */
        VERIFICATION,
        /** The init-data document: unsupported format, not TOML, unknown algorithm. */
        INIT_DATA,
        /** The attestation policy: missing, failing, or producing output a token cannot carry. */
        POLICY,
        /** Signing the token. */
        TOKEN
    }

    protected AttestationException(String message) {
        super(message);
    }

    protected AttestationException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Kind kind();

    /** The loggable reason (the message). */
    public String reason() {
        return getMessage();
    }
}
