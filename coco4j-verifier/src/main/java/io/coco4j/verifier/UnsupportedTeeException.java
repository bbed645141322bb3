package io.coco4j.verifier;

/** No verifier is available for the TEE named (not built, or not enabled in this mode). */
public class UnsupportedTeeException extends VerificationException {

    public UnsupportedTeeException(String message) {
        super(message);
    }
}
