package io.coco4j.verifier.nvidia;

import io.coco4j.verifier.CertificateChainException;

/** The GPU certificate chain lacks the signing certificate or the root. */
public class GpuChainTooShortException extends CertificateChainException {

    public GpuChainTooShortException(String message) {
        super(message);
    }

    public GpuChainTooShortException(String message, Throwable cause) {
        super(message, cause);
    }
}
