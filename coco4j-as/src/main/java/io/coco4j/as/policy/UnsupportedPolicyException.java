package io.coco4j.as.policy;

/** The policy text or language is not supported by this engine (the interim engine takes no Rego). */
public class UnsupportedPolicyException extends PolicyException {

    public UnsupportedPolicyException(String message) {
        super(message);
    }

    public UnsupportedPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
