package io.coco4j.verifier.azure;

import io.coco4j.verifier.VerificationException;

/** The hardware report does not carry the digest of the HCL variable data, so the vTPM keys are not bound to it. */
public class VarDataDigestMismatchException extends VerificationException {

    public VarDataDigestMismatchException(String message) {
        super(message);
    }
}
