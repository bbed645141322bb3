package io.coco4j.protocol.testing;

import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The PostgreSQL server the test setup started ({@code scripts/test-services}), announced through
 * {@code COCO4J_TEST_POSTGRES_URL} (a JDBC URL), {@code COCO4J_TEST_POSTGRES_USER} and
 * {@code COCO4J_TEST_POSTGRES_PASSWORD}. Without it, tests are skipped with one loud line, except
 * under {@code CI=true}, where a missing server fails them. Each test gets a schema of its own.
 */
public final class TestPostgres {

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /** A private schema: a JDBC URL whose default schema it is, and the credentials. */
    public record Database(String jdbcUrl, String user, String password, String schema) {
    }

    private TestPostgres() {
    }

    /** Creates a fresh, empty schema on the test server, or aborts (skips) the calling test. */
    public static Database freshSchema() {
        String url = System.getenv("COCO4J_TEST_POSTGRES_URL");
        String user = System.getenv("COCO4J_TEST_POSTGRES_USER");
        String password = System.getenv("COCO4J_TEST_POSTGRES_PASSWORD");
        if (url == null || url.isBlank() || user == null) {
            String why = "no PostgreSQL test server: run the tests through ./run-tests, or start one with "
                    + "scripts/test-services and export COCO4J_TEST_POSTGRES_URL, _USER and _PASSWORD";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + " (required when CI=true)");
            }
            if (WARNED.compareAndSet(false, true)) {
                System.err.println("*** SKIPPING POSTGRESQL TESTS: " + why + " ***");
            }
            throw new TestAbortedException(why);
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("cannot create a schema on the PostgreSQL test server " + url + ": " + e.getMessage(), e);
        }
        String separator = url.contains("?") ? "&" : "?";
        return new Database(url + separator + "currentSchema=" + schema, user, password, schema);
    }

    /** Drops a schema made by {@link #freshSchema()}. */
    public static void drop(Database database) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + database.schema() + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop test schema " + database.schema() + ": " + e.getMessage());
        }
    }
}
