package io.coco4j.kbs.server;

import io.coco4j.kbs.config.Pkcs11KeyConfig;
import io.coco4j.kbs.config.StorageBackendConfig;
import io.coco4j.kbs.config.StorageType;
import io.coco4j.protocol.pkcs11.Pkcs11Exception;
import io.coco4j.protocol.pkcs11.Pkcs11Token;
import io.coco4j.storage.LocalFsStorage;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;
import io.coco4j.storage.encrypted.AesGcmValueCipher;
import io.coco4j.storage.encrypted.EncryptedStorage;
import io.coco4j.storage.encrypted.ValueCipher;
import io.coco4j.storage.sql.PostgresConnection;
import io.coco4j.storage.sql.SqlStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Opens the storage back-end a configuration names, with encryption at rest when configured. Every
 * back-end connects here, so a wrong address, password or PIN stops start-up before anything listens.
 */
public final class StorageBackends {

    private static final Logger LOG = LoggerFactory.getLogger(StorageBackends.class);
    /** The reference's variable: a PostgreSQL URL that overrides {@code backends.postgres}. */
    public static final String POSTGRES_URL = "POSTGRES_URL";

    private StorageBackends() {
    }

    /** The configured back-end; {@code environment} supplies {@code POSTGRES_URL}. */
    public static StorageBackend open(StorageBackendConfig config, Map<String, String> environment) throws StartupException {
        StorageBackend base = openType(config.storageType(), config, environment);
        if (config.encryption().isEmpty()) {
            return base;
        }
        try {
            StorageBackendConfig.Encryption encryption = config.encryption().get();
            return new EncryptedStorage(base, cipher(encryption.pkcs11()), new HashSet<>(encryption.namespaces()));
        } catch (StartupException | RuntimeException e) {
            base.close();
            throw e;
        }
    }

    /** A back-end of {@code type} with the settings of {@code config.backends} (also for sessions kept apart). */
    static StorageBackend openType(StorageType type, StorageBackendConfig config, Map<String, String> environment)
            throws StartupException {
        try {
            return switch (type) {
                case MEMORY -> new MemoryStorage();
                case LOCAL_FS -> new LocalFsStorage(Path.of(config.backends().localFsOrDefault().dirPath()));
                case SQLITE -> SqlStorage.sqlite(Path.of(config.backends().sqliteOrDefault().filePath()));
                case POSTGRES -> SqlStorage.postgres(postgres(config.backends().postgresOrDefault(), environment));
                default -> throw new StartupException("storage_backend.storage_type = \"" + type.configName()
                        + "\" is not supported yet (use \"Sqlite\", \"Postgres\", \"LocalFs\" or \"Memory\")");
            };
        } catch (StorageException e) {
            throw new StartupException("cannot open the " + type.configName() + " storage: " + e.getMessage(), e);
        }
    }

    /** {@code POSTGRES_URL} when set, else {@code backends.postgres.url}, else host, port, db, username and password. */
    static PostgresConnection postgres(StorageBackendConfig.Postgres settings, Map<String, String> environment)
            throws StartupException {
        Optional<String> url = Optional.ofNullable(environment.get(POSTGRES_URL)).filter(u -> !u.isBlank()).or(settings::url);
        try {
            if (url.isPresent()) {
                PostgresConnection connection = PostgresConnection.fromUrl(url.get(), settings.username());
                if (connection.password().isEmpty() && settings.password().isPresent()) {
                    connection = new PostgresConnection(connection.jdbcUrl(), connection.username(), settings.password(),
                            connection.maxPoolSize());
                }
                return connection;
            }
            return PostgresConnection.of(settings.host(), settings.port(), settings.db(), settings.username(), settings.password());
        } catch (IllegalArgumentException e) {
            throw new StartupException((environment.containsKey(POSTGRES_URL) ? POSTGRES_URL : "storage_backend.backends.postgres.url")
                    + ": " + e.getMessage(), e);
        }
    }

    /** AES-256-GCM with the token's key of that label, generated in the token on first use. */
    static ValueCipher cipher(Pkcs11KeyConfig config) throws StartupException {
        try {
            Pkcs11Token token = Pkcs11Token.open(config.token());
            Optional<SecretKey> key = token.secretKey(config.keyLabel());
            SecretKey secret;
            if (key.isPresent()) {
                secret = key.get();
            } else {
                secret = token.generateAesKey(config.keyLabel(), 256);
                LOG.warn("generated the AES-256 storage encryption key '{}' in the PKCS#11 token at {}", config.keyLabel(),
                        config.token().describeToken());
            }
            return new AesGcmValueCipher(secret, token.provider(), "AES-256-GCM key '" + config.keyLabel()
                    + "' in the PKCS#11 token at " + config.token().describeToken());
        } catch (Pkcs11Exception e) {
            throw new StartupException("storage_backend.encryption: " + e.getMessage(), e);
        }
    }
}
