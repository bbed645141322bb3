package io.coco4j.verifier.cca;

import io.coco4j.verifier.CertificateChainException;

/** A platform firmware component is not among the reference values of the configured store. */
public class PlatformMeasurementMismatchException extends CertificateChainException {

    public PlatformMeasurementMismatchException(String message) {
        super(message);
    }
}
