package io.coco4j.guest.cdh;

/** A Confidential Data Hub operation failed; the message is safe to return to the caller. */
public final class CdhException extends Exception {

    /** What the caller should learn from the failure. */
    public enum Kind { BAD_REQUEST, NOT_FOUND, NOT_SUPPORTED, FAILED }

    private final Kind kind;

    public CdhException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public CdhException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
