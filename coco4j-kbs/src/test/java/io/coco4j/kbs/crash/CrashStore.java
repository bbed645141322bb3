package io.coco4j.kbs.crash;

import io.coco4j.kbs.server.ConfigFragments;
import io.coco4j.protocol.testing.TestPostgres;
import io.coco4j.storage.LocalFsStorage;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;
import io.coco4j.storage.sql.PostgresConnection;
import io.coco4j.storage.sql.SqlStorage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A storage back-end under test: its part of the KBS configuration, and a handle on the same storage for the checks. */
enum CrashStore {

    /** Storage and reference values in SQLite files of the data directory. */
    SQLITE {
        @Override
        Prepared prepare(Path dir) {
            Path file = dir.resolve("storage.sqlite");
            return new Prepared(storage("Sqlite", "sqlite", "file_path", file), () -> SqlStorage.sqlite(file), before -> List.of(),
                    () -> { });
        }
    },

    /** Storage and reference values in a fresh schema of the test PostgreSQL server. */
    POSTGRES {
        @Override
        Prepared prepare(Path dir) {
            TestPostgres.Database database = TestPostgres.freshSchema();
            return new Prepared(ConfigFragments.postgres(database),
                    () -> SqlStorage.postgres(new PostgresConnection(database.jdbcUrl(), database.user(),
                            Optional.of(database.password()), 2)),
                    before -> List.of(), () -> TestPostgres.drop(database));
        }
    },

    /** Storage as one file per key (the reference's LocalFs layout); reference values in SQLite, their only file store. */
    LOCAL_FS {
        @Override
        Prepared prepare(Path dir) {
            Path root = dir.resolve("local-fs");
            return new Prepared(storage("LocalFs", "local_fs", "dir_path", root), () -> new LocalFsStorage(root),
                    before -> temporaryFiles(root, before), () -> { });
        }
    };

    interface Opener {
        StorageBackend open() throws StorageException;
    }

    /** Files an interrupted write left behind that were last written before an instant: copies of values outside every key. */
    interface Leftovers {
        List<String> before(Instant instant) throws IOException;
    }

    /** A back-end ready for a test: its configuration tables, how to open it, its leftovers, and how to remove it afterwards. */
    record Prepared(String configuration, Opener storage, Leftovers leftovers, Runnable cleanup) implements AutoCloseable {
        @Override
        public void close() {
            cleanup.run();
        }
    }

    /** Sets the back-end up under {@code dir}. */
    abstract Prepared prepare(Path dir);

    /** {@code [storage_backend]} of a type kept in one file or directory. */
    private static String storage(String type, String backend, String key, Path path) {
        return """
                [storage_backend]
                storage_type = "%s"
                [storage_backend.backends.%s]
                %s = "%s"
                """.formatted(type, backend, key, path);
    }

    private static List<String> temporaryFiles(Path root, Instant before) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<String> leftovers = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(LocalFsStorage.TEMPORARY_PREFIX)).toList()) {
                FileTime modified = Files.getLastModifiedTime(file);
                if (modified.toInstant().isBefore(before)) {
                    leftovers.add(root.relativize(file) + " (" + Files.size(file) + " bytes, written " + modified + ")");
                }
            }
            return leftovers;
        }
    }
}
