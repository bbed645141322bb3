package io.coco4j.verifier.nvidia;

import io.coco4j.verifier.CertificateChainException;

/** The GPU certificate chain does not end in the pinned NVIDIA Device Identity CA. */
public class UntrustedGpuRootException extends CertificateChainException {

    public UntrustedGpuRootException(String message) {
        super(message);
    }

    public UntrustedGpuRootException(String message, Throwable cause) {
        super(message, cause);
    }
}
