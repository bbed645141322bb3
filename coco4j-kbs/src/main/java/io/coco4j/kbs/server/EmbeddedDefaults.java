package io.coco4j.kbs.server;

import io.coco4j.kbs.admin.AdminKeyPair;
import io.coco4j.kbs.config.AdminConfig;
import io.coco4j.kbs.config.AttestationServiceConfig;
import io.coco4j.kbs.config.AttestationTokenConfig;
import io.coco4j.kbs.config.HttpServerConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.PluginConfig;
import io.coco4j.kbs.config.StorageBackendConfig;
import io.coco4j.kbs.config.StorageType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The configuration of a KBS started without a configuration file: everything under the data
 * directory (SQLite storage, the token signer, an administrator key pair generated on first start),
 * the resource plugin, and the reference's defaults for the rest.
 */
public final class EmbeddedDefaults {

    /** Role of the generated administrator key; its ACL allows every admin endpoint. */
    public static final String ADMIN_ROLE = AdminKeyPair.DEFAULT_ROLE;

    private EmbeddedDefaults() {
    }

    public static KbsConfig create(DataDirectory data, InetSocketAddress socket) throws IOException {
        AdminConfig admin = admin(data);
        HttpServerConfig http = HttpServerConfig.defaults().withSockets(List.of(socket));
        StorageBackendConfig storage = storage(data);
        KbsConfig defaults = KbsConfig.withDefaults(admin);
        // one process: sessions (minutes long) stay in memory rather than costing a durable write each
        return new KbsConfig(http, AttestationTokenConfig.defaults(), AttestationServiceConfig.defaults(), admin, storage,
                List.of(PluginConfig.kvStorageResource()), Optional.of(StorageType.MEMORY), defaults.audit());
    }

    /**
     * The embedded storage: {@code <data>/storage.sqlite}, except in a data directory an earlier
     * version filled in the LocalFs layout ({@code <data>/storage/} exists and no database does),
     * which keeps being used as it is.
     */
    public static StorageBackendConfig storage(DataDirectory data) {
        if (Files.isDirectory(data.storage()) && !Files.exists(data.storageDatabase())) {
            return new StorageBackendConfig(StorageType.LOCAL_FS, new StorageBackendConfig.Backends(
                    Optional.of(new StorageBackendConfig.LocalFs(data.storage().toString())), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        return new StorageBackendConfig(StorageType.SQLITE, new StorageBackendConfig.Backends(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(new StorageBackendConfig.Sqlite(data.storageDatabase().toString()))));
    }

    /** Administrators: whoever holds the data directory's administrator key (generated when missing), for every admin endpoint. */
    public static AdminConfig admin(DataDirectory data) throws IOException {
        Path adminPublic = ensureAdminKeys(data);
        return AdminConfig.authenticated(
                new AdminConfig.BearerJwt(List.of(new AdminConfig.IdentityProvider(Optional.empty(), Optional.empty(),
                        Optional.of(adminPublic.toString()), Optional.empty())), false, false),
                new AdminConfig.RegexAcl(List.of(new AdminConfig.AclRule(ADMIN_ROLE, "^/kbs/v0/.*$"))));
    }

    /** The administrator key pair in {@code <data>/admin}, generated when missing; returns the public key file. */
    public static Path ensureAdminKeys(DataDirectory data) throws IOException {
        Path dir = data.adminDirectory();
        Path publicKey = dir.resolve(AdminKeyPair.PUBLIC_KEY_FILE);
        Path privateKey = dir.resolve(AdminKeyPair.PRIVATE_KEY_FILE);
        if (!Files.isRegularFile(publicKey) || !Files.isRegularFile(privateKey)) {
            AdminKeyPair.generate().write(dir);
        }
        return publicKey;
    }

    /** The administrator private key the admin commands use by default. */
    public static Path adminPrivateKey(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().normalize().resolve("admin").resolve(AdminKeyPair.PRIVATE_KEY_FILE);
    }
}
