package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

/** The TDX module (MRSIGNERSEAM, SEAM attributes or version) is not one the TCB info describes. */
public final class TdxModuleMismatchException extends VerificationException {

    public TdxModuleMismatchException(String message) {
        super(message);
    }
}
