package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

/** The Quoting Enclave is not the one Intel's QE identity describes (MRSIGNER, ISVPRODID, MISCSELECT or ATTRIBUTES). */
public final class QeIdentityMismatchException extends VerificationException {

    public QeIdentityMismatchException(String message) {
        super(message);
    }
}
