package io.coco4j.kbs.config;

import java.util.Optional;

/** The key-value storage back-ends of {@code [storage_backend] storage_type}, with the reference's spellings. */
public enum StorageType {
    MEMORY("Memory", "memory"),
    LOCAL_JSON("LocalJson", "local_json"),
    LOCAL_FS("LocalFs", "local_fs"),
    POSTGRES("Postgres", "postgres"),
    /** coco4j's embedded database: one SQLite file (the reference has no such back-end). */
    SQLITE("Sqlite", "sqlite"),
    REDIS("Redis", "redis");

    private final String configName;
    private final String alias;

    StorageType(String configName, String alias) {
        this.configName = configName;
        this.alias = alias;
    }

    /** The name as written in the configuration ({@code LocalFs}). */
    public String configName() {
        return configName;
    }

    /** Parses the canonical name or its lower/snake-case alias; anything else is empty. */
    public static Optional<StorageType> parse(String text) {
        for (StorageType type : values()) {
            if (type.configName.equals(text) || type.alias.equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    static String spellings() {
        StringBuilder out = new StringBuilder();
        for (StorageType type : values()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(type.configName).append('/').append(type.alias);
        }
        return out.toString();
    }
}
