package io.coco4j.guest.aa;

/** An attestation agent operation failed; the message is safe to return to the caller. */
public final class AttestationAgentException extends Exception {

    private final boolean callerError;

    private AttestationAgentException(String message, boolean callerError, Throwable cause) {
        super(message, cause);
        this.callerError = callerError;
    }

    /** The request itself was wrong (unknown token type, bad event text, …). */
    public static AttestationAgentException badRequest(String message) {
        return new AttestationAgentException(message, true, null);
    }

    public static AttestationAgentException failed(String message, Throwable cause) {
        return new AttestationAgentException(message, false, cause);
    }

    public static AttestationAgentException failed(String message) {
        return new AttestationAgentException(message, false, null);
    }

    public boolean callerError() {
        return callerError;
    }
}
