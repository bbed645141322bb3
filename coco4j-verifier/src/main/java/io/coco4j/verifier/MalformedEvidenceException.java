package io.coco4j.verifier;

/** The evidence does not have the shape of this TEE's evidence (missing members, bad encoding, wrong sizes). */
public class MalformedEvidenceException extends VerificationException {

    public MalformedEvidenceException(String message) {
        super(message);
    }

    public MalformedEvidenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
