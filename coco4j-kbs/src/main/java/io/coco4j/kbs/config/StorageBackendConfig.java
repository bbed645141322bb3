package io.coco4j.kbs.config;

import java.util.Optional;

/**
 * {@code [storage_backend]}: the one key-value store behind every namespace ({@code kbs},
 * {@code repository}, {@code kbs_protocol_session}, {@code attestation_service_policy},
 * {@code reference_value}).
 *
 * @param storageType {@code storage_type}; default {@code Memory}
 * @param backends    {@code backends.*}: settings per back-end
 * @param encryption  {@code encryption}: namespaces encrypted at rest (coco4j's key; the reference has none)
 */
public record StorageBackendConfig(StorageType storageType, Backends backends, Optional<Encryption> encryption) {

    public StorageBackendConfig(StorageType storageType, Backends backends) {
        this(storageType, backends, Optional.empty());
    }

    public static StorageBackendConfig defaults() {
        return new StorageBackendConfig(StorageType.MEMORY, Backends.none());
    }

    public StorageBackendConfig withEncryption(Encryption settings) {
        return new StorageBackendConfig(storageType, backends, Optional.of(settings));
    }

    /**
     * {@code [storage_backend.encryption]}: values of {@code namespaces} (default {@code ["repository"]},
     * the resources) are stored AES-256-GCM encrypted with the key {@code pkcs11.key_label} of a
     * PKCS#11 token, generated there on first use; encryption and decryption run inside the token.
     */
    public record Encryption(Pkcs11KeyConfig pkcs11, java.util.List<String> namespaces) {
        public static final java.util.List<String> DEFAULT_NAMESPACES = java.util.List.of("repository");

        public Encryption {
            namespaces = java.util.List.copyOf(namespaces);
            if (namespaces.isEmpty()) {
                throw new IllegalArgumentException("encryption needs at least one namespace");
            }
        }
    }

    /**
     * {@code [storage_backend.backends]}. An absent table means the back-end's defaults; use the
     * {@code …OrDefault} accessors to read the effective settings.
     */
    public record Backends(Optional<LocalFs> localFs, Optional<LocalJson> localJson,
                           Optional<Postgres> postgres, Optional<Redis> redis, Optional<Sqlite> sqlite) {

        public Backends(Optional<LocalFs> localFs, Optional<LocalJson> localJson, Optional<Postgres> postgres,
                        Optional<Redis> redis) {
            this(localFs, localJson, postgres, redis, Optional.empty());
        }

        public static Backends none() {
            return new Backends(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public Sqlite sqliteOrDefault() {
            return sqlite.orElseGet(Sqlite::defaults);
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

    /** {@code backends.sqlite} (coco4j's): the file of {@code storage_type = "Sqlite"}. */
    public record Sqlite(String filePath) {
        public static final String DEFAULT_FILE_PATH = "/opt/confidential-containers/storage/kbs.sqlite";

        public static Sqlite defaults() {
            return new Sqlite(DEFAULT_FILE_PATH);
        }
    }

    /**
     * {@code backends.postgres}; the environment variable {@code POSTGRES_URL} overrides it at run
     * time, and so does coco4j's {@code url} key (a {@code postgres://} or {@code jdbc:postgresql://} URL).
     */
    public record Postgres(String host, int port, String db, String username, Optional<String> password, Optional<String> url) {
        public Postgres(String host, int port, String db, String username, Optional<String> password) {
            this(host, port, db, username, password, Optional.empty());
        }

        public static Postgres defaults() {
            return new Postgres("localhost", 5432, "postgres", "postgres", Optional.empty());
        }

        @Override
        public String toString() {
            return "Postgres[host=" + host + ", port=" + port + ", db=" + db + ", username=" + username
                    + ", password=" + (password.isPresent() ? "<redacted>" : "<none>")
                    + ", url=" + (url.isPresent() ? "<redacted>" : "<none>") + "]";
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
