package io.coco4j.as.policy;

/** An attestation policy could not be set, found or evaluated; subtypes name the cause. */
public class PolicyException extends Exception {

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
