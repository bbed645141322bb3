package io.coco4j.kbs.crash;

import io.coco4j.protocol.testing.TestPostgres;
import io.coco4j.storage.LocalFsStorage;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;
import io.coco4j.storage.sql.PostgresConnection;
import io.coco4j.storage.sql.SqlStorage;

import java.nio.file.Path;
import java.util.Optional;

/** A storage back-end under test: its part of the KBS configuration, and a handle on the same storage for the checks. */
enum CrashStore {

    /** Storage and reference values in SQLite files of the data directory. */
    SQLITE {
        @Override
        Prepared prepare(Path dir) {
            Path file = dir.resolve("storage.sqlite");
            return new Prepared("""
                    [storage_backend]
                    storage_type = "Sqlite"
                    [storage_backend.backends.sqlite]
                    file_path = "%s"
                    """.formatted(file), () -> SqlStorage.sqlite(file), () -> { });
        }
    },

    /** Storage and reference values in a fresh schema of the test PostgreSQL server. */
    POSTGRES {
        @Override
        Prepared prepare(Path dir) {
            TestPostgres.Database database = TestPostgres.freshSchema();
            return new Prepared("""
                    [attestation_service.rvps_config]
                    store = "postgres"
                    [attestation_service.rvps_config.postgres]
                    url = "%1$s"
                    username = "%2$s"
                    password = "%3$s"

                    [storage_backend]
                    storage_type = "Postgres"
                    [storage_backend.backends.postgres]
                    url = "%1$s"
                    username = "%2$s"
                    password = "%3$s"
                    """.formatted(database.jdbcUrl(), database.user(), database.password()),
                    () -> SqlStorage.postgres(new PostgresConnection(database.jdbcUrl(), database.user(),
                            Optional.of(database.password()), 2)),
                    () -> TestPostgres.drop(database));
        }
    },

    /** Storage as one file per key (the reference's LocalFs layout); reference values in SQLite, their only file store. */
    LOCAL_FS {
        @Override
        Prepared prepare(Path dir) {
            Path root = dir.resolve("local-fs");
            return new Prepared("""
                    [storage_backend]
                    storage_type = "LocalFs"
                    [storage_backend.backends.local_fs]
                    dir_path = "%s"
                    """.formatted(root), () -> new LocalFsStorage(root), () -> { });
        }
    };

    interface Opener {
        StorageBackend open() throws StorageException;
    }

    /** A back-end ready for a test: its configuration tables, how to open it, and how to remove it afterwards. */
    record Prepared(String configuration, Opener storage, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            cleanup.run();
        }
    }

    /** Sets the back-end up under {@code dir}. */
    abstract Prepared prepare(Path dir);
}
