package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

/** The TCB info is for another PCE: its PCEID differs from the PCK certificate's. */
public final class PceIdMismatchException extends VerificationException {

    public PceIdMismatchException(String message) {
        super(message);
    }
}
