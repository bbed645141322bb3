package io.coco4j.verifier.cca;

import io.coco4j.verifier.SignatureInvalidException;

/** The platform token's challenge is not the hash of the realm attestation key, so the two tokens were not issued together. */
public class RealmBindingException extends SignatureInvalidException {

    public RealmBindingException(String message) {
        super(message);
    }
}
