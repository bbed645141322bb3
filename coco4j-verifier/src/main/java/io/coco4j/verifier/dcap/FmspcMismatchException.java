package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

/** The TCB info is for another platform family: its FMSPC differs from the PCK certificate's. */
public final class FmspcMismatchException extends VerificationException {

    public FmspcMismatchException(String message) {
        super(message);
    }
}
