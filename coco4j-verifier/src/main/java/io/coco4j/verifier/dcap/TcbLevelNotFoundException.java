package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

/** No TCB level of the collateral matches the platform's SVNs (Intel's "TCB not supported"). */
public final class TcbLevelNotFoundException extends VerificationException {

    public TcbLevelNotFoundException(String message) {
        super(message);
    }
}
