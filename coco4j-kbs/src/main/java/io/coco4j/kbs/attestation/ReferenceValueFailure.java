package io.coco4j.kbs.attestation;

/** The RVPS refused a message or a query; the message says why. */
public final class ReferenceValueFailure extends Exception {

    public ReferenceValueFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
