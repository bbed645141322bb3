package io.coco4j.bench.report;

/** A load-generator result file that cannot be used. */
public final class RcarResultException extends Exception {
    private static final long serialVersionUID = 1L;

    public RcarResultException(String message) {
        super(message);
    }

    public RcarResultException(String message, Throwable cause) {
        super(message, cause);
    }
}
