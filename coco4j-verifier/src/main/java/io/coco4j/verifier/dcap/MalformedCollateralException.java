package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

/** Collateral cannot be parsed (not the PCS/PCCS JSON or DER formats). */
public final class MalformedCollateralException extends VerificationException {

    public MalformedCollateralException(String message) {
        super(message);
    }
}
