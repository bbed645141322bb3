package io.coco4j.verifier;

/** The report does not carry the digest of this session's runtime data (wrong nonce, key or relayed evidence). */
public class ReportDataMismatchException extends VerificationException {

    public ReportDataMismatchException(String message) {
        super(message);
    }
}
