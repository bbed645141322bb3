package io.coco4j.storage;

import io.coco4j.storage.sql.SqlStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteStorageTest extends KeyValueStoreContract {

    @TempDir
    Path dir;

    private final List<StorageBackend> opened = new ArrayList<>();

    @Override
    StorageBackend backend() throws Exception {
        StorageBackend backend = SqlStorage.sqlite(dir.resolve("storage.sqlite"));
        opened.add(backend);
        return backend;
    }

    @AfterEach
    void close() {
        opened.forEach(StorageBackend::close);
    }

    @Test
    void valuesSurviveReopening() throws Exception {
        try (StorageBackend first = SqlStorage.sqlite(dir.resolve("kv.sqlite"))) {
            first.namespace(Namespace.REPOSITORY).put("default/key/1", "v".getBytes(StandardCharsets.UTF_8));
        }
        try (StorageBackend second = SqlStorage.sqlite(dir.resolve("kv.sqlite"))) {
            assertThat(second.namespace(Namespace.REPOSITORY).get("default/key/1").orElseThrow())
                    .isEqualTo("v".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A SIGKILL cannot show a missing fsync (the kernel still holds the write); a power cut would, so the settings are checked here. */
    @Test
    void commitsAreWrittenAheadAndSyncedBeforeTheyAreAcknowledged() throws Exception {
        try (SqlStorage storage = SqlStorage.sqlite(dir.resolve("kv.sqlite"));
             Connection connection = storage.database().connection();
             java.sql.Statement statement = connection.createStatement()) {
            try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
                assertThat(mode.next()).isTrue();
                assertThat(mode.getString(1)).isEqualToIgnoringCase("wal");
            }
            try (ResultSet synchronous = statement.executeQuery("PRAGMA synchronous")) {
                assertThat(synchronous.next()).isTrue();
                assertThat(synchronous.getInt(1)).as("2 is FULL: the WAL is synced at every commit").isEqualTo(2);
            }
            assertThat(connection.getAutoCommit()).as("each storage operation commits on its own").isTrue();
        }
    }

    @Test
    void eachNamespaceIsATableWithTheReferenceColumns() throws Exception {
        try (StorageBackend storage = SqlStorage.sqlite(dir.resolve("kv.sqlite"))) {
            storage.namespace(Namespace.REPOSITORY).put("a/b/c", new byte[] {1, 2});
            storage.namespace("custom_ns").put("k", new byte[] {3});
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kv.sqlite"));
             ResultSet rows = connection.createStatement().executeQuery("SELECT \"key\", \"value\" FROM \"repository\"")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("a/b/c");
            assertThat(rows.getBytes(2)).containsExactly(1, 2);
        }
    }

    @Test
    void refusesKeysOutsideTheAlphabetAndUnusableNamespaces() throws Exception {
        KeyValueStore store = backend().namespace(Namespace.REPOSITORY);
        for (String key : new String[] {"..", ".", "a b", "a\\b", "k\u00e9y", "a:b", "", "x\u0000y", "a'; DROP TABLE kbs; --"}) {
            assertThatThrownBy(() -> store.put(key, new byte[] {1})).as(key).isInstanceOf(InvalidKeyException.class);
            assertThatThrownBy(() -> store.get(key)).as(key).isInstanceOf(InvalidKeyException.class);
        }
        assertThat(store.keys()).isEmpty();
        StorageBackend backend = backend();
        for (String ns : new String[] {"Upper", "a/b", "x-y", "1abc", "\"kbs\""}) {
            assertThatThrownBy(() -> backend.namespace(ns)).as(ns).isInstanceOf(InvalidKeyException.class);
        }
    }

    /** Statements are kept compiled per connection: a kept read statement must still see every later commit. */
    @Test
    void aReusedStatementSeesWhatOtherConnectionsCommitted() throws Exception {
        try (SqlStorage writer = SqlStorage.sqlite(dir.resolve("kv.sqlite"));
             SqlStorage reader = SqlStorage.sqlite(dir.resolve("kv.sqlite"))) {
            KeyValueStore written = writer.namespace(Namespace.REPOSITORY);
            KeyValueStore read = reader.namespace(Namespace.REPOSITORY);
            for (int i = 0; i < 50; i++) {
                byte[] value = ("v" + i).getBytes(StandardCharsets.UTF_8);
                written.put("default/key/1", value);
                assertThat(read.get("default/key/1")).as("read %d", i).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
                assertThat(read.get("default/key/absent")).isEmpty();
            }
        }
    }

    /** Many threads write and read back at once through the one connection and its kept statements: nothing is lost or mixed up. */
    @Test
    void concurrentWritersAndReadersShareTheConnectionsStatements() throws Exception {
        int threads = 8;
        int perThread = 50;
        try (SqlStorage storage = SqlStorage.sqlite(dir.resolve("kv.sqlite"))) {
            KeyValueStore store = storage.namespace(Namespace.REPOSITORY);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String key = "default/t" + thread + "/" + i;
                        byte[] value = {(byte) i};
                        store.put(key, value);
                        assertThat(store.get(key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : done) {
                future.get();
            }
            pool.shutdown();
            assertThat(store.size()).isEqualTo(threads * perThread);
        }
    }
}
