package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

/** The platform's TCB status is not one the policy accepts (e.g. Revoked). */
public final class TcbStatusRejectedException extends VerificationException {

    public TcbStatusRejectedException(String message) {
        super(message);
    }
}
