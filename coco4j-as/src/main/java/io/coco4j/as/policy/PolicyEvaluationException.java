package io.coco4j.as.policy;

/** Evaluating a policy failed at run time, e.g. a reference value could not be read. */
public class PolicyEvaluationException extends PolicyException {

    public PolicyEvaluationException(String message) {
        super(message);
    }

    public PolicyEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
