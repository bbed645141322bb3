package io.coco4j.verifier.tpm;

import io.coco4j.verifier.VerificationException;

/** The PCR values sent beside the quote do not hash to the quote's pcrDigest. */
public class PcrDigestMismatchException extends VerificationException {

    public PcrDigestMismatchException(String message) {
        super(message);
    }
}
