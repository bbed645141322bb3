package io.coco4j.storage;

import io.coco4j.protocol.testing.TestPostgres;
import io.coco4j.storage.sql.PostgresConnection;
import io.coco4j.storage.sql.SqlStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract on the PostgreSQL server of the test setup, each test in a schema of its own. */
class PostgresStorageTest extends KeyValueStoreContract {

    private TestPostgres.Database database;
    private final List<StorageBackend> opened = new ArrayList<>();

    private PostgresConnection connection() {
        if (database == null) {
            database = TestPostgres.freshSchema();
        }
        return new PostgresConnection(database.jdbcUrl(), database.user(), Optional.of(database.password()), 4);
    }

    @Override
    StorageBackend backend() throws Exception {
        StorageBackend backend = SqlStorage.postgres(connection());
        opened.add(backend);
        return backend;
    }

    @AfterEach
    void dropSchema() {
        opened.forEach(StorageBackend::close);
        if (database != null) {
            TestPostgres.drop(database);
        }
    }

    @Test
    void twoClientsShareOneDatabase() throws Exception {
        StorageBackend a = backend();
        StorageBackend b = backend();
        a.namespace(Namespace.REPOSITORY).put("default/key/1", "from-a".getBytes(StandardCharsets.UTF_8));
        assertThat(b.namespace(Namespace.REPOSITORY).get("default/key/1").orElseThrow())
                .isEqualTo("from-a".getBytes(StandardCharsets.UTF_8));
        assertThat(b.namespace(Namespace.REPOSITORY).putIfAbsent("default/key/1", new byte[] {1})).isFalse();
    }

    @Test
    void opensADatabaseTheReferenceFilled() throws Exception {
        PostgresConnection connection = connection();
        // the reference's set-up: a table per namespace, created by hand, without any history table
        try (Connection jdbc = DriverManager.getConnection(connection.jdbcUrl(), connection.username(), connection.password().orElseThrow());
             Statement statement = jdbc.createStatement()) {
            statement.execute("CREATE TABLE repository (value BYTEA, key TEXT PRIMARY KEY)");
            statement.execute("INSERT INTO repository (key, value) VALUES ('default/key/1', 'secret'::bytea)");
        }
        KeyValueStore store = backend().namespace(Namespace.REPOSITORY);
        assertThat(store.get("default/key/1").orElseThrow()).isEqualTo("secret".getBytes(StandardCharsets.UTF_8));
        assertThat(store.keys()).containsExactly("default/key/1");
    }

    @Test
    void refusesKeysOutsideTheAlphabet() throws Exception {
        KeyValueStore store = backend().namespace(Namespace.REPOSITORY);
        for (String key : new String[] {"a b", "a'b", "k\u00e9y", "", "..", "x\u0000y"}) {
            assertThatThrownBy(() -> store.put(key, new byte[] {1})).as(key).isInstanceOf(InvalidKeyException.class);
        }
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void anUnreachableServerFailsAtOnceWithoutThePassword() {
        PostgresConnection nowhere = new PostgresConnection("jdbc:postgresql://127.0.0.1:1/none", "kbs",
                Optional.of("hunter2-secret"), 2);
        assertThatThrownBy(() -> SqlStorage.postgres(nowhere))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot open PostgreSQL jdbc:postgresql://127.0.0.1:1/none as kbs")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2-secret"));
    }
}
