package io.coco4j.rvps.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.Provenance;
import io.coco4j.rvps.ReferenceValue;
import io.coco4j.rvps.ReferenceValueStoreException;
import io.coco4j.storage.StorageException;
import io.coco4j.storage.sql.PostgresConnection;
import io.coco4j.storage.sql.SqlDatabase;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reference values in a SQL database: the embedded SQLite file (the default) or PostgreSQL. The
 * schema is created and upgraded by Flyway migrations on open; connections come from the shared
 * {@link SqlDatabase} pool (a single connection for SQLite, which serialises writers anyway).
 */
public final class JdbcReferenceValueStore implements ReferenceValueStore {

    private static final String MIGRATIONS = "classpath:io/coco4j/rvps/store/migration";
    private static final String HISTORY_TABLE = "rvps_schema_history";
    private static final String COLUMNS = "name, version, value_json, expires_at, provider, source_digest, signer_key_ids, registered_at";
    private static final ObjectReader STRICT_JSON = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final SqlDatabase database;
    private final String description;

    private JdbcReferenceValueStore(SqlDatabase database) throws ReferenceValueStoreException {
        this.database = database;
        this.description = database.describe();
        try {
            database.migrate(JdbcReferenceValueStore.class.getClassLoader(), MIGRATIONS, HISTORY_TABLE, Map.of());
        } catch (StorageException e) {
            database.close();
            throw new ReferenceValueStoreException("cannot prepare the reference-value schema: " + e.getMessage(), e);
        }
    }

    /** The embedded store: one SQLite file, created with its directory when missing. */
    public static JdbcReferenceValueStore sqlite(Path file) throws ReferenceValueStoreException {
        try {
            return new JdbcReferenceValueStore(SqlDatabase.sqlite(file, "rvps-sqlite"));
        } catch (StorageException e) {
            throw new ReferenceValueStoreException(e.getMessage(), e);
        }
    }

    /** A PostgreSQL database, shared by any number of RVPS (or KBS) replicas. */
    public static JdbcReferenceValueStore postgres(PostgresSettings settings) throws ReferenceValueStoreException {
        PostgresConnection connection = new PostgresConnection(settings.jdbcUrl(), settings.username(), settings.password(),
                settings.maxPoolSize());
        try {
            return new JdbcReferenceValueStore(SqlDatabase.postgres(connection, "rvps-postgres"));
        } catch (StorageException e) {
            throw new ReferenceValueStoreException(e.getMessage(), e);
        }
    }

    @Override
    public void putAll(List<ReferenceValue> values) throws ReferenceValueStoreException {
        String sql = "INSERT INTO rvps_reference_value (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (name) DO UPDATE SET version = excluded.version, value_json = excluded.value_json, "
                + "expires_at = excluded.expires_at, provider = excluded.provider, source_digest = excluded.source_digest, "
                + "signer_key_ids = excluded.signer_key_ids, registered_at = excluded.registered_at";
        try (Connection connection = database.connection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (ReferenceValue value : values) {
                    insert.setString(1, value.name());
                    insert.setString(2, value.version());
                    insert.setString(3, Json.write(value.value()));
                    insert.setLong(4, value.expiration().getEpochSecond());
                    insert.setString(5, value.provenance().provider());
                    insert.setString(6, value.provenance().sourceDigest());
                    insert.setString(7, Json.write(signerArray(value.provenance().signerKeyIds())));
                    insert.setLong(8, value.provenance().registeredAt().getEpochSecond());
                    insert.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new ReferenceValueStoreException("cannot store reference values in " + description + ", nothing registered: "
                    + e.getMessage(), e);
        }
    }

    private static ArrayNode signerArray(List<String> ids) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        ids.forEach(array::add);
        return array;
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the transaction dies with it
        }
    }

    @Override
    public Optional<ReferenceValue> get(String name) throws ReferenceValueStoreException {
        try {
            return database.withStatement("SELECT " + COLUMNS + " FROM rvps_reference_value WHERE name = ?", select -> {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(read(rows)) : Optional.<ReferenceValue>empty();
                }
            });
        } catch (SQLException e) {
            throw new ReferenceValueStoreException("cannot read reference value '" + name + "' from " + description + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<ReferenceValue> list() throws ReferenceValueStoreException {
        List<ReferenceValue> values;
        try {
            values = database.withStatement("SELECT " + COLUMNS + " FROM rvps_reference_value", select -> {
                List<ReferenceValue> found = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        found.add(read(rows));
                    }
                }
                return found;
            });
        } catch (SQLException e) {
            throw new ReferenceValueStoreException("cannot list reference values in " + description + ": " + e.getMessage(), e);
        }
        // sorted here so that every database orders names alike, whatever its collation
        values.sort(Comparator.comparing(ReferenceValue::name));
        return values;
    }

    @Override
    public boolean delete(String name) throws ReferenceValueStoreException {
        try {
            return database.withStatement("DELETE FROM rvps_reference_value WHERE name = ?", delete -> {
                delete.setString(1, name);
                return delete.executeUpdate() > 0;
            });
        } catch (SQLException e) {
            throw new ReferenceValueStoreException("cannot delete reference value '" + name + "' from " + description + ": "
                    + e.getMessage(), e);
        }
    }

    private ReferenceValue read(ResultSet row) throws SQLException, ReferenceValueStoreException {
        String name = row.getString("name");
        try {
            JsonNode value = STRICT_JSON.readTree(row.getString("value_json"));
            JsonNode signers = STRICT_JSON.readTree(row.getString("signer_key_ids"));
            if (value == null || signers == null || !signers.isArray()) {
                throw new IOException("value or signer list is not JSON");
            }
            List<String> signerIds = new ArrayList<>();
            for (JsonNode id : signers) {
                signerIds.add(id.asText());
            }
            Provenance provenance = new Provenance(row.getString("provider"), row.getString("source_digest"), signerIds,
                    Instant.ofEpochSecond(row.getLong("registered_at")));
            return new ReferenceValue(name, value, row.getString("version"), Instant.ofEpochSecond(row.getLong("expires_at")),
                    provenance);
        } catch (IOException e) {
            throw new ReferenceValueStoreException("stored reference value '" + name + "' in " + description + " is corrupt: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        database.close();
    }
}
