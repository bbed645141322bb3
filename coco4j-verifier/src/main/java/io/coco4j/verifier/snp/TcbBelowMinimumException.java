package io.coco4j.verifier.snp;

import io.coco4j.verifier.VerificationException;

/** The report's reported_tcb is below the configured minimum of its product (firmware rollback). */
public class TcbBelowMinimumException extends VerificationException {

    public TcbBelowMinimumException(String message) {
        super(message);
    }

    public TcbBelowMinimumException(String message, Throwable cause) {
        super(message, cause);
    }
}
