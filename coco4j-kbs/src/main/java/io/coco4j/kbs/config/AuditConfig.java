package io.coco4j.kbs.config;

/**
 * {@code [audit]} (coco4j's section; the reference has none): the hash-chained audit log of
 * attestation results and secret releases, kept in the storage back-end.
 *
 * @param enabled           {@code enabled}; default true
 * @param checkpointRecords {@code checkpoint_records}: sign a checkpoint after this many new records; default 100
 * @param checkpointSeconds {@code checkpoint_seconds}: and at least this often while records come in; default 60
 */
public record AuditConfig(boolean enabled, long checkpointRecords, long checkpointSeconds) {

    public static final long DEFAULT_CHECKPOINT_RECORDS = 100;
    public static final long DEFAULT_CHECKPOINT_SECONDS = 60;

    public AuditConfig {
        if (checkpointRecords < 1 || checkpointSeconds < 1) {
            throw new IllegalArgumentException("checkpoint intervals must be positive");
        }
    }

    public static AuditConfig defaults() {
        return new AuditConfig(true, DEFAULT_CHECKPOINT_RECORDS, DEFAULT_CHECKPOINT_SECONDS);
    }
}
