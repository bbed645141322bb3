package io.coco4j.rvps.store;

import io.coco4j.rvps.ReferenceValueStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteReferenceValueStoreTest extends ReferenceValueStoreContract {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("data").resolve("rvps.sqlite");
    }

    @Override
    ReferenceValueStore open() throws Exception {
        return JdbcReferenceValueStore.sqlite(file());
    }

    @Override
    ReferenceValueStore reopen() throws Exception {
        return JdbcReferenceValueStore.sqlite(file());
    }

    @Override
    boolean poisonWritesOf(String name) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 10000");
            statement.execute("CREATE TRIGGER poison BEFORE INSERT ON rvps_reference_value WHEN NEW.name = '" + name
                    + "' BEGIN SELECT RAISE(ABORT, 'poisoned value'); END");
        }
        return true;
    }

    @Test
    void createsOneFileWithItsDirectory() throws Exception {
        assertThat(Files.isRegularFile(file())).isTrue();
        assertThat(store.describe()).isEqualTo("SQLite " + file().toAbsolutePath());
    }

    @Test
    void aFileThatIsNotADatabaseIsAClearError() throws Exception {
        Path bogus = dir.resolve("bogus.sqlite");
        Files.writeString(bogus, "this is not an SQLite database, just some text long enough to fill a header.....");
        assertThatThrownBy(() -> JdbcReferenceValueStore.sqlite(bogus))
                .isInstanceOf(ReferenceValueStoreException.class).hasMessageContaining(bogus.toString());
    }
}
