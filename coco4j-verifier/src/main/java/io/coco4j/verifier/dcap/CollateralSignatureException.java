package io.coco4j.verifier.dcap;

import io.coco4j.verifier.SignatureInvalidException;

/** TCB info, QE identity or a CRL does not verify with its issuer's key: the collateral was altered. */
public final class CollateralSignatureException extends SignatureInvalidException {

    public CollateralSignatureException(String message) {
        super(message);
    }
}
