package io.coco4j.storage.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.coco4j.storage.StorageException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * A pooled connection to the embedded SQLite file or to PostgreSQL (HikariCP), whose schemas are
 * created and upgraded by Flyway migrations. Several stores may share one database, each with its
 * own migrations and history table; a schema that already holds tables (another store's, or the
 * reference's) is taken as a baseline below every migration, so every migration still runs.
 */
public final class SqlDatabase implements AutoCloseable {

    private final HikariDataSource pool;
    private final SqlDialect dialect;
    private final String description;
    /**
     * The statements each SQLite connection has compiled, kept for the connection's life: SQLite
     * compiles a statement anew on every prepare, about a third of a key lookup's cost. PostgreSQL's
     * driver keeps server-side statements of its own. Statements hold their connection, so a closed
     * connection is dropped from here explicitly when the pool brings a new one.
     */
    private final Map<Connection, Map<String, PreparedStatement>> compiled = new ConcurrentHashMap<>();

    /** What runs with a prepared statement; it closes any result set it opens. */
    @FunctionalInterface
    public interface StatementWork<T, E extends Exception> {
        T run(PreparedStatement statement) throws SQLException, E;
    }

    private SqlDatabase(HikariDataSource pool, SqlDialect dialect, String description) {
        this.pool = pool;
        this.dialect = dialect;
        this.description = description;
    }

    /**
     * The embedded database: one SQLite file (created with its directory when missing) in WAL mode
     * with full fsync, through a single connection. SQLite lets one writer in at a time anyway, and
     * under load four connections halved a KBS's handshakes per second: its writes then wait in
     * SQLite's busy handler, and checkpoints run beside readers that keep the WAL from being reset.
     */
    public static SqlDatabase sqlite(Path file, String poolName) throws StorageException {
        Path absolute = file.toAbsolutePath().normalize();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new StorageException("cannot create the directory of " + absolute + ": " + e.getMessage(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl("jdbc:sqlite:" + absolute);
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(1);
        config.setMaxLifetime(0); // a local file's connection does not go stale: it lives as long as the pool
        config.setConnectionTimeout(30_000);
        config.addDataSourceProperty("journal_mode", "WAL");
        config.addDataSourceProperty("busy_timeout", "10000");
        config.addDataSourceProperty("synchronous", "FULL");
        String description = "SQLite " + absolute;
        return new SqlDatabase(open(config, description), SqlDialect.SQLITE, description);
    }

    /**
     * A PostgreSQL database, shared by any number of replicas. The first connection is made here:
     * a wrong address or password fails at once rather than at the first request.
     */
    public static SqlDatabase postgres(PostgresConnection connection, String poolName) throws StorageException {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(connection.jdbcUrl());
        config.setUsername(connection.username());
        connection.password().ifPresent(config::setPassword);
        config.setMaximumPoolSize(connection.maxPoolSize());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1); // fail fast: a wrong password will not get better by retrying
        config.addDataSourceProperty("connectTimeout", "10");
        String description = "PostgreSQL " + connection.describe();
        return new SqlDatabase(open(config, description), SqlDialect.POSTGRES, description);
    }

    private static HikariDataSource open(HikariConfig config, String description) throws StorageException {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            // Hikari wraps the driver's error; its message names the cause, never the password
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StorageException("cannot open " + description + ": " + cause.getMessage(), e);
        }
    }

    /**
     * Runs the migrations under {@code location} (e.g. {@code classpath:io/coco4j/rvps/store/migration})
     * that {@code historyTable} does not list yet, with {@code ${name}} placeholders replaced.
     * Concurrent callers on PostgreSQL take turns through Flyway's lock.
     */
    public void migrate(ClassLoader loader, String location, String historyTable, Map<String, String> placeholders)
            throws StorageException {
        try {
            Flyway.configure(loader)
                    .dataSource(pool)
                    .locations(location)
                    .table(historyTable)
                    .placeholders(placeholders)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StorageException("cannot prepare the schema in " + description + ": " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Runs {@code work} with {@code sql} prepared on a pooled connection: on SQLite a statement that
     * connection compiled before, its parameters cleared afterwards; elsewhere a new one.
     */
    public <T, E extends Exception> T withStatement(String sql, StatementWork<T, E> work) throws SQLException, E {
        try (Connection connection = pool.getConnection()) {
            if (dialect != SqlDialect.SQLITE) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    return work.run(statement);
                }
            }
            // the pool hands a connection to one thread at a time, so its own map needs no lock
            Connection physical = connection.unwrap(Connection.class);
            Map<String, PreparedStatement> statements = compiled.get(physical);
            if (statements == null) {
                compiled.keySet().removeIf(SqlDatabase::isClosed);
                statements = new HashMap<>();
                compiled.put(physical, statements);
            }
            PreparedStatement statement = statements.get(sql);
            if (statement == null || statement.isClosed()) {
                statement = physical.prepareStatement(sql);
                statements.put(sql, statement);
            }
            try {
                T result = work.run(statement);
                statement.clearParameters();
                return result;
            } catch (Exception e) {
                // a statement in an unknown state is not reused
                statements.remove(sql);
                closeQuietly(statement);
                throw e;
            }
        }
    }

    private static boolean isClosed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Connections whose statements are kept (for tests). */
    int connectionsWithStatements() {
        return compiled.size();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // it was being discarded anyway
        }
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** E.g. {@code PostgreSQL jdbc:postgresql://db:5432/kbs as kbs}; never a password. */
    public String describe() {
        return description;
    }

    /** Whether a connection can be had and answers (for readiness checks). */
    public boolean isReachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
