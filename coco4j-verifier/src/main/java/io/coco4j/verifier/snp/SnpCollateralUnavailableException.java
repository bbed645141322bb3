package io.coco4j.verifier.snp;

import io.coco4j.verifier.VerificationException;

/** No VEK or AMD chain is available for the report (not in the evidence, the collateral directory, or the key server). */
public class SnpCollateralUnavailableException extends VerificationException {

    public SnpCollateralUnavailableException(String message) {
        super(message);
    }

    public SnpCollateralUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
