package io.coco4j.guest.cdh;

/** A resource could not be fetched; the message is safe to return to the caller. */
public final class ResourceException extends Exception {

    private final boolean notFound;

    public ResourceException(String message, boolean notFound, Throwable cause) {
        super(message, cause);
        this.notFound = notFound;
    }

    public ResourceException(String message) {
        this(message, false, null);
    }

    /** The source answered that no such resource exists (as opposed to refusing or failing). */
    public boolean notFound() {
        return notFound;
    }
}
