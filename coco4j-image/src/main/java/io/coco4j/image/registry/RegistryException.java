package io.coco4j.image.registry;

/** A registry refused a request, answered wrongly, or could not be reached. */
public final class RegistryException extends java.io.IOException {

    private final int status;

    public RegistryException(String message, int status) {
        super(message);
        this.status = status;
    }

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status, 0 when the registry was not reached. */
    public int status() {
        return status;
    }
}
