package io.coco4j.storage.sql;

/** The SQL databases coco4j stores state in, and the little that differs between them. */
public enum SqlDialect {
    /** The embedded database: one file, one writer at a time. */
    SQLITE("BLOB"),
    /** The shared database of replicated deployments. */
    POSTGRES("BYTEA");

    private final String binaryType;

    SqlDialect(String binaryType) {
        this.binaryType = binaryType;
    }

    /** The column type of raw bytes. */
    public String binaryType() {
        return binaryType;
    }
}
