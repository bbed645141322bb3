package io.coco4j.verifier.snp;

import io.coco4j.verifier.VerificationException;

/** The processor generation of the report and that of its certificates differ. */
public class ProductMismatchException extends VerificationException {

    public ProductMismatchException(String message) {
        super(message);
    }

    public ProductMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
