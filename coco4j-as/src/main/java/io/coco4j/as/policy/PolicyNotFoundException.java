package io.coco4j.as.policy;

/** No policy of this id is installed. */
public class PolicyNotFoundException extends PolicyException {

    public PolicyNotFoundException(String message) {
        super(message);
    }

    public PolicyNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
