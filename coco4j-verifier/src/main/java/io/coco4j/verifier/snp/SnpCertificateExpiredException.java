package io.coco4j.verifier.snp;

import io.coco4j.verifier.CertificateChainException;

/** A certificate of the chain is outside its validity period at the validation time. */
public class SnpCertificateExpiredException extends CertificateChainException {

    public SnpCertificateExpiredException(String message) {
        super(message);
    }

    public SnpCertificateExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
