package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

/** Collateral (TCB info, QE identity, CRL or a signing certificate) is not valid at the validation time. */
public final class CollateralExpiredException extends VerificationException {

    public CollateralExpiredException(String message) {
        super(message);
    }
}
