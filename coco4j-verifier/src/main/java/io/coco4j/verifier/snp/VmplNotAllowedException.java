package io.coco4j.verifier.snp;

import io.coco4j.verifier.VerificationException;

/** The report was requested from a VMPL the verifier does not accept. */
public class VmplNotAllowedException extends VerificationException {

    public VmplNotAllowedException(String message) {
        super(message);
    }

    public VmplNotAllowedException(String message, Throwable cause) {
        super(message, cause);
    }
}
