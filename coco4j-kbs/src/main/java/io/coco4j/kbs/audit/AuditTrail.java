package io.coco4j.kbs.audit;

/** Where decisions are recorded before they take effect. */
public interface AuditTrail {

    /** Records nothing: a KBS with {@code [audit] enabled = false}. */
    AuditTrail NONE = event -> {
    };

    /** Returns once the event is durably recorded. */
    void record(AuditEvent event) throws AuditException;
}
