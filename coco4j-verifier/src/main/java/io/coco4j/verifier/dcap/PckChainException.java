package io.coco4j.verifier.dcap;

import io.coco4j.verifier.CertificateChainException;

/** The PCK certificate chain in the quote cannot be parsed, does not chain, or is not valid at the validation time. */
public final class PckChainException extends CertificateChainException {

    public PckChainException(String message) {
        super(message);
    }

    public PckChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
