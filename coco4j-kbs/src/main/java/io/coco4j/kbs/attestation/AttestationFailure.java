package io.coco4j.kbs.attestation;

/** The attestation service refused the evidence; the message says which check failed. */
public final class AttestationFailure extends Exception {

    public AttestationFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public AttestationFailure(String message) {
        super(message);
    }
}
