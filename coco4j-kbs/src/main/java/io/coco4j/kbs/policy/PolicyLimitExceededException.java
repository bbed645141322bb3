package io.coco4j.kbs.policy;

/**
 * The resource policy ran into a configured evaluation bound (steps, depth or time): the request
 * is refused with an error that says so rather than a plain deny, so an operator sees the runaway policy.
 */
public final class PolicyLimitExceededException extends Exception {

    public PolicyLimitExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
