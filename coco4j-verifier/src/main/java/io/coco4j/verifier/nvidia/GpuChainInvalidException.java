package io.coco4j.verifier.nvidia;

import io.coco4j.verifier.CertificateChainException;

/** The GPU certificate chain does not verify from the signing certificate to the pinned root. */
public class GpuChainInvalidException extends CertificateChainException {

    public GpuChainInvalidException(String message) {
        super(message);
    }

    public GpuChainInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
