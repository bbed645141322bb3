package io.coco4j.verifier.dcap;

import io.coco4j.verifier.CertificateChainException;

/** A certificate chain ends in a root other than the pinned Intel SGX Root CA. */
public final class UntrustedRootException extends CertificateChainException {

    public UntrustedRootException(String message) {
        super(message);
    }
}
