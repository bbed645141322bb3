package io.coco4j.verifier.snp;

import io.coco4j.verifier.CertificateChainException;

/** A certificate of the ARK → ASK/ASVK → VEK chain is not signed by the next one up, or names another issuer. */
public class SnpCertificateSignatureException extends CertificateChainException {

    public SnpCertificateSignatureException(String message) {
        super(message);
    }

    public SnpCertificateSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
