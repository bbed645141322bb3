package io.coco4j.verifier;

/** A signature over the report, a certificate or collateral does not verify. */
public class SignatureInvalidException extends VerificationException {

    public SignatureInvalidException(String message) {
        super(message);
    }

    public SignatureInvalidException(String message, Throwable cause) {
        super(message, cause);
    }
}
