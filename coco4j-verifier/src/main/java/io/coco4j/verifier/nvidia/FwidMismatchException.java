package io.coco4j.verifier.nvidia;

import io.coco4j.verifier.CertificateChainException;

/** The firmware id in the signing certificate differs from the one in the measurement report. */
public class FwidMismatchException extends CertificateChainException {

    public FwidMismatchException(String message) {
        super(message);
    }

    public FwidMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
