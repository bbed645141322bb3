package io.coco4j.verifier.snp;

import io.coco4j.verifier.CertificateChainException;

/** A certificate of the chain is listed in the product's CRL. */
public class SnpCertificateRevokedException extends CertificateChainException {

    public SnpCertificateRevokedException(String message) {
        super(message);
    }

    public SnpCertificateRevokedException(String message, Throwable cause) {
        super(message, cause);
    }
}
