package io.coco4j.kbs.config;

import java.util.Optional;

/**
 * {@code [storage_backend]}: the one key-value store behind every namespace ({@code kbs},
 * {@code repository}, {@code kbs_protocol_session}, {@code attestation_service_policy},
 * {@code reference_value}).
 *
 * @param storageType {@code storage_type}; default {@code Memory}
 * @param backends    {@code backends.*}: settings per back-end
 */
public record StorageBackendConfig(StorageType storageType, Backends backends) {

    public static StorageBackendConfig defaults() {
        return new StorageBackendConfig(StorageType.MEMORY, Backends.none());
    }

    /**
     * {@code [storage_backend.backends]}. An absent table means the back-end's defaults; use the
     * {@code …OrDefault} accessors to read the effective settings.
     */
    public record Backends(Optional<LocalFs> localFs, Optional<LocalJson> localJson,
                           Optional<Postgres> postgres, Optional<Redis> redis) {

        public static Backends none() {
            return new Backends(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public LocalFs localFsOrDefault() {
            return localFs.orElseGet(LocalFs::defaults);
        }

        public LocalJson localJsonOrDefault() {
            return localJson.orElseGet(LocalJson::defaults);
        }

        public Postgres postgresOrDefault() {
            return postgres.orElseGet(Postgres::defaults);
        }

        public Redis redisOrDefault() {
            return redis.orElseGet(Redis::defaults);
        }
    }

    /** {@code backends.local_fs}: one file per key under {@code <dir_path>/<namespace>/}. */
    public record LocalFs(String dirPath) {
        public static final String DEFAULT_DIR_PATH = "/opt/confidential-containers/storage/local_fs";

        public static LocalFs defaults() {
            return new LocalFs(DEFAULT_DIR_PATH);
        }
    }

    /** {@code backends.local_json}: one JSON file per namespace under {@code file_dir_path}. */
    public record LocalJson(String fileDirPath) {
        public static final String DEFAULT_FILE_DIR_PATH = "/opt/confidential-containers/storage/local_json";

        public static LocalJson defaults() {
            return new LocalJson(DEFAULT_FILE_DIR_PATH);
        }
    }

    /** {@code backends.postgres}; the environment variable {@code POSTGRES_URL} overrides it at run time. */
    public record Postgres(String host, int port, String db, String username, Optional<String> password) {
        public static Postgres defaults() {
            return new Postgres("localhost", 5432, "postgres", "postgres", Optional.empty());
        }

        @Override
        public String toString() {
            return "Postgres[host=" + host + ", port=" + port + ", db=" + db + ", username=" + username
                    + ", password=" + (password.isPresent() ? "<redacted>" : "<none>") + "]";
        }
    }

    /** {@code backends.redis}; the environment variable {@code REDIS_URL} overrides it at run time. */
    public record Redis(String url) {
        public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

        public static Redis defaults() {
            return new Redis(DEFAULT_URL);
        }

        @Override
        public String toString() {
            // The URL may embed credentials.
            return "Redis[url=<redacted>]";
        }
    }
}
