package io.coco4j.kbs.attestation;

/** A policy could not be stored: it does not compile, or policies cannot be set on this backend. */
public final class PolicyFailure extends Exception {

    public PolicyFailure(String message) {
        super(message);
    }

    public PolicyFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
