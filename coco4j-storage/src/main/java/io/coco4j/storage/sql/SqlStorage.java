package io.coco4j.storage.sql;

import io.coco4j.storage.InvalidKeyException;
import io.coco4j.storage.KeyRules;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * Key-value storage in SQL: the embedded SQLite file or PostgreSQL. Each namespace is a table of
 * that name with the reference's columns {@code key} and {@code value}; every operation is one
 * statement, so each is atomic and {@link KeyValueStore#replace} is a conditional update that two
 * replicas cannot both win. Keys follow the reference's alphabet, as for LocalFs.
 */
public final class SqlStorage implements StorageBackend {

    private static final String MIGRATIONS = "classpath:io/coco4j/storage/sql/migration";
    private static final String HISTORY_TABLE = "coco4j_kv_schema_history";
    /** Namespaces become table names: lower-case letters, digits and underscores. */
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final SqlDatabase database;
    private final boolean ownsDatabase;
    private final ConcurrentMap<String, Store> namespaces = new ConcurrentHashMap<>();

    private SqlStorage(SqlDatabase database, boolean ownsDatabase) throws StorageException {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        database.migrate(SqlStorage.class.getClassLoader(), MIGRATIONS, HISTORY_TABLE,
                Map.of("binary", database.dialect().binaryType()));
    }

    /** Storage in one SQLite file, created when missing. */
    public static SqlStorage sqlite(Path file) throws StorageException {
        SqlDatabase database = SqlDatabase.sqlite(file, "kv-sqlite");
        return open(database);
    }

    /** Storage in a PostgreSQL database. */
    public static SqlStorage postgres(PostgresConnection connection) throws StorageException {
        SqlDatabase database = SqlDatabase.postgres(connection, "kv-postgres");
        return open(database);
    }

    private static SqlStorage open(SqlDatabase database) throws StorageException {
        try {
            return new SqlStorage(database, true);
        } catch (StorageException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Storage in a database someone else opened and closes. */
    public static SqlStorage on(SqlDatabase database) throws StorageException {
        return new SqlStorage(database, false);
    }

    @Override
    public KeyValueStore namespace(String namespace) throws StorageException {
        KeyRules.checkNamespace(namespace);
        Store store = namespaces.get(namespace);
        if (store != null) {
            return store;
        }
        if (!TABLE_NAME.matcher(namespace).matches()) {
            throw new InvalidKeyException("namespace '" + namespace + "' cannot be a table name in " + database.dialect()
                    + " storage: lower-case letters, digits and _ only");
        }
        createTable(namespace);
        return namespaces.computeIfAbsent(namespace, Store::new);
    }

    /** Namespaces the migrations do not know get their table on first use. */
    private void createTable(String table) throws StorageException {
        String sql = "CREATE TABLE IF NOT EXISTS \"" + table + "\" (\"key\" TEXT PRIMARY KEY, \"value\" "
                + database.dialect().binaryType() + ")";
        SQLException failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
                return;
            } catch (SQLException e) {
                // two replicas creating the same table at once: PostgreSQL lets one fail; the table exists then
                failure = e;
            }
        }
        throw new StorageException("cannot create the table of namespace " + table + " in " + database.describe() + ": "
                + failure.getMessage(), failure);
    }

    @Override
    public String describe() {
        return database.describe();
    }

    @Override
    public boolean isReachable() {
        return database.isReachable();
    }

    public SqlDatabase database() {
        return database;
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            database.close();
        }
    }

    private final class Store implements KeyValueStore {
        private final String namespace;
        private final String select;
        private final String upsert;
        private final String insertIfAbsent;
        private final String compareAndSet;
        private final String delete;
        private final String keys;
        private final String count;

        Store(String namespace) {
            this.namespace = namespace;
            String table = "\"" + namespace + "\"";
            select = "SELECT \"value\" FROM " + table + " WHERE \"key\" = ?";
            upsert = "INSERT INTO " + table + " (\"key\", \"value\") VALUES (?, ?) ON CONFLICT (\"key\") DO UPDATE SET \"value\" = excluded.\"value\"";
            insertIfAbsent = "INSERT INTO " + table + " (\"key\", \"value\") VALUES (?, ?) ON CONFLICT (\"key\") DO NOTHING";
            compareAndSet = "UPDATE " + table + " SET \"value\" = ? WHERE \"key\" = ? AND \"value\" = ?";
            delete = "DELETE FROM " + table + " WHERE \"key\" = ?";
            keys = "SELECT \"key\" FROM " + table;
            count = "SELECT COUNT(*) FROM " + table;
        }

        @Override
        public String namespace() {
            return namespace;
        }

        @Override
        public Optional<byte[]> get(String key) throws StorageException {
            KeyRules.checkPersistentKey(key);
            try {
                return database.withStatement(select, statement -> {
                    statement.setString(1, key);
                    try (ResultSet rows = statement.executeQuery()) {
                        if (!rows.next()) {
                            return Optional.<byte[]>empty();
                        }
                        byte[] value = rows.getBytes(1);
                        return Optional.of(value == null ? new byte[0] : value);
                    }
                });
            } catch (SQLException e) {
                throw failure("read", key, e);
            }
        }

        @Override
        public void put(String key, byte[] value) throws StorageException {
            KeyRules.checkPersistentKey(key);
            update(upsert, "write", key, key, value);
        }

        @Override
        public boolean putIfAbsent(String key, byte[] value) throws StorageException {
            KeyRules.checkPersistentKey(key);
            return update(insertIfAbsent, "write", key, key, value) > 0;
        }

        @Override
        public boolean replace(String key, byte[] expected, byte[] value) throws StorageException {
            KeyRules.checkPersistentKey(key);
            return update(compareAndSet, "write", key, value, key, expected) > 0;
        }

        @Override
        public boolean delete(String key) throws StorageException {
            KeyRules.checkPersistentKey(key);
            return update(delete, "delete", key, key) > 0;
        }

        @Override
        public List<String> keys() throws StorageException {
            List<String> result;
            try {
                result = database.withStatement(keys, statement -> {
                    List<String> found = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            found.add(rows.getString(1));
                        }
                    }
                    return found;
                });
            } catch (SQLException e) {
                throw new StorageException("cannot list namespace " + namespace + " in " + database.describe() + ": "
                        + e.getMessage(), e);
            }
            // sorted here so that every database orders keys alike, whatever its collation
            result.sort(null);
            return result;
        }

        @Override
        public int size() throws StorageException {
            try {
                return database.withStatement(count, statement -> {
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                        return (int) Math.min(Integer.MAX_VALUE, rows.getLong(1));
                    }
                });
            } catch (SQLException e) {
                throw new StorageException("cannot count namespace " + namespace + " in " + database.describe() + ": "
                        + e.getMessage(), e);
            }
        }

        private int update(String sql, String verb, String key, Object... parameters) throws StorageException {
            try {
                return database.withStatement(sql, statement -> {
                    for (int i = 0; i < parameters.length; i++) {
                        if (parameters[i] instanceof byte[] bytes) {
                            statement.setBytes(i + 1, bytes);
                        } else {
                            statement.setString(i + 1, (String) parameters[i]);
                        }
                    }
                    return statement.executeUpdate();
                });
            } catch (SQLException e) {
                throw failure(verb, key, e);
            }
        }

        private StorageException failure(String verb, String key, SQLException e) {
            return new StorageException("cannot " + verb + " " + namespace + "/" + key + " in " + database.describe() + ": "
                    + e.getMessage(), e);
        }
    }
}
