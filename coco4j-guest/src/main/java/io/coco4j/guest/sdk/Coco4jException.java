package io.coco4j.guest.sdk;

/** A secret, resource or token could not be obtained. Messages never carry secret material. */
public final class Coco4jException extends Exception {

    private final boolean notFound;

    Coco4jException(String message, boolean notFound, Throwable cause) {
        super(message, cause);
        this.notFound = notFound;
    }

    Coco4jException(String message, Throwable cause) {
        this(message, false, cause);
    }

    Coco4jException(String message) {
        this(message, false, null);
    }

    /** The KBS (or the CDH's source) has no such resource. */
    public boolean notFound() {
        return notFound;
    }
}
