package io.coco4j.verifier.dcap;

import io.coco4j.verifier.CertificateChainException;

/** The certificate chain that issues collateral (TCB signing or PCK CRL issuer chain) is invalid. */
public final class CollateralIssuerException extends CertificateChainException {

    public CollateralIssuerException(String message) {
        super(message);
    }
}
