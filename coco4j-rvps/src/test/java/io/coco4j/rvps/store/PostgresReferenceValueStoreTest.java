package io.coco4j.rvps.store;

import io.coco4j.protocol.testing.TestPostgres;
import io.coco4j.rvps.ReferenceValueStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresReferenceValueStoreTest extends ReferenceValueStoreContract {

    private TestPostgres.Database database;

    private PostgresSettings settings() {
        return new PostgresSettings(database.jdbcUrl(), database.user(), Optional.of(database.password()), 4);
    }

    @Override
    ReferenceValueStore open() throws Exception {
        database = TestPostgres.freshSchema();
        return JdbcReferenceValueStore.postgres(settings());
    }

    @Override
    ReferenceValueStore reopen() throws Exception {
        return JdbcReferenceValueStore.postgres(settings());
    }

    @Override
    boolean poisonWritesOf(String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.name = '" + name + "' THEN RAISE EXCEPTION 'poisoned value'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            statement.execute("CREATE TRIGGER poison BEFORE INSERT ON rvps_reference_value FOR EACH ROW EXECUTE FUNCTION poison()");
        }
        return true;
    }

    @AfterEach
    void dropSchema() {
        if (database != null) {
            store.close();
            store = null;
            TestPostgres.drop(database);
        }
    }

    @Test
    void describesTheDatabaseWithoutThePassword() {
        assertThat(store.describe()).startsWith("PostgreSQL jdbc:postgresql://").doesNotContain(database.password());
        assertThat(settings().toString()).doesNotContain(database.password());
    }

    @Test
    void aWrongPasswordIsAClearErrorThatDoesNotEchoIt() {
        PostgresSettings wrong = new PostgresSettings(database.jdbcUrl(), database.user(), Optional.of("not-the-password-xyz"), 1);
        assertThatThrownBy(() -> JdbcReferenceValueStore.postgres(wrong))
                .isInstanceOf(ReferenceValueStoreException.class)
                .hasMessageContaining("cannot open PostgreSQL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password-xyz"));
    }
}
