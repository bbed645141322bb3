package io.coco4j.verifier;

/** The report does not carry the digest of the init-data the guest presented. */
public class InitDataMismatchException extends VerificationException {

    public InitDataMismatchException(String message) {
        super(message);
    }
}
