package io.coco4j.verifier.nvidia;

import io.coco4j.verifier.CertificateChainException;

/** The GPU's signing certificate has no TCG DICE FWID extension to compare with the report. */
public class FwidNotFoundException extends CertificateChainException {

    public FwidNotFoundException(String message) {
        super(message);
    }

    public FwidNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
