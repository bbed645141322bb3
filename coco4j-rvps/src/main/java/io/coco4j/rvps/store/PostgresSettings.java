package io.coco4j.rvps.store;

import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the PostgreSQL database of the reference-value store.
 *
 * @param jdbcUrl     e.g. {@code jdbc:postgresql://127.0.0.1:5432/rvps}
 * @param username    database user
 * @param password    the user's password, if the server asks for one
 * @param maxPoolSize upper bound of pooled connections
 */
public record PostgresSettings(String jdbcUrl, String username, Optional<String> password, int maxPoolSize) {

    public static final int DEFAULT_MAX_POOL_SIZE = 8;

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password="
                + (password.isPresent() ? "<redacted>" : "<none>") + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
