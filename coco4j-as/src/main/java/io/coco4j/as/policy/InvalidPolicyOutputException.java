package io.coco4j.as.policy;

/** A policy produced output the EAR cannot carry: unknown trust claim names, values outside i8, no claim set, malformed extensions. */
public class InvalidPolicyOutputException extends PolicyException {

    public InvalidPolicyOutputException(String message) {
        super(message);
    }

    public InvalidPolicyOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
