package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

/** No collateral for the platform could be found in the configured collateral source. */
public final class CollateralUnavailableException extends VerificationException {

    public CollateralUnavailableException(String message) {
        super(message);
    }
}
