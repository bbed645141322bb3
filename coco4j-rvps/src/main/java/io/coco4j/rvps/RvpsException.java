package io.coco4j.rvps;

/** A reference-value operation failed; subtypes name the cause. Messages never carry reference values. */
public class RvpsException extends Exception {

    public RvpsException(String message) {
        super(message);
    }

    public RvpsException(String message, Throwable cause) {
        super(message, cause);
    }
}
