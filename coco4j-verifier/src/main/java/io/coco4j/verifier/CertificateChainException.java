package io.coco4j.verifier;

/** A certificate chain does not lead to the pinned vendor root, or a certificate is expired or revoked. */
public class CertificateChainException extends VerificationException {

    public CertificateChainException(String message) {
        super(message);
    }

    public CertificateChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
