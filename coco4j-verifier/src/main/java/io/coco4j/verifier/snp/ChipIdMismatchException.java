package io.coco4j.verifier.snp;

import io.coco4j.verifier.VerificationException;

/** The VCEK was issued for another chip: its hwID is not the report's chip_id. */
public class ChipIdMismatchException extends VerificationException {

    public ChipIdMismatchException(String message) {
        super(message);
    }

    public ChipIdMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
