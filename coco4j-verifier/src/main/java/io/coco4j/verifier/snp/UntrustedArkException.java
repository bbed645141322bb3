package io.coco4j.verifier.snp;

import io.coco4j.verifier.CertificateChainException;

/** The chain ends in an ARK that is not the pinned AMD root of the product. */
public class UntrustedArkException extends CertificateChainException {

    public UntrustedArkException(String message) {
        super(message);
    }

    public UntrustedArkException(String message, Throwable cause) {
        super(message, cause);
    }
}
