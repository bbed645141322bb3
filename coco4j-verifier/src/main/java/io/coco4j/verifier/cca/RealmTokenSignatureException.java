package io.coco4j.verifier.cca;

import io.coco4j.verifier.SignatureInvalidException;

/** The realm token is not signed by the realm attestation key it carries. */
public class RealmTokenSignatureException extends SignatureInvalidException {

    public RealmTokenSignatureException(String message) {
        super(message);
    }
}
