package io.coco4j.verifier.snp;

import io.coco4j.verifier.VerificationException;

/** The report's reported_tcb differs from the SPLs the VEK was issued for. */
public class TcbMismatchException extends VerificationException {

    public TcbMismatchException(String message) {
        super(message);
    }

    public TcbMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
