package io.coco4j.kbs.audit;

/** The audit log could not record an event; the decision it was about must then not take effect. */
public final class AuditException extends Exception {

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
