package io.coco4j.verifier.dcap;

import io.coco4j.verifier.CertificateChainException;

/** A certificate of the chain is listed on its issuer's CRL. */
public final class CertificateRevokedException extends CertificateChainException {

    public CertificateRevokedException(String message) {
        super(message);
    }
}
