package io.coco4j.kbs.config;

import java.util.List;
import java.util.Optional;

/**
 * A whole {@code kbs-config.toml}, with the reference's section and key names.
 *
 * @param httpServer         {@code [http_server]}
 * @param attestationToken   {@code [attestation_token]}
 * @param attestationService {@code [attestation_service]}
 * @param admin              {@code [admin]}
 * @param storageBackend     {@code [storage_backend]}
 * @param plugins            {@code [[plugins]]}, in file order, names unique
 * @param sessionStorageType {@code session_storage_type}: overrides the storage type for RCAR sessions
 */
public record KbsConfig(
        HttpServerConfig httpServer,
        AttestationTokenConfig attestationToken,
        AttestationServiceConfig attestationService,
        AdminConfig admin,
        StorageBackendConfig storageBackend,
        List<PluginConfig> plugins,
        Optional<StorageType> sessionStorageType) {

    public KbsConfig {
        plugins = List.copyOf(plugins);
    }

    /** Every section at the reference's defaults, with the given (mandatory) admin settings. */
    public static KbsConfig withDefaults(AdminConfig admin) {
        return new KbsConfig(HttpServerConfig.defaults(), AttestationTokenConfig.defaults(),
                AttestationServiceConfig.defaults(), admin, StorageBackendConfig.defaults(), List.of(),
                Optional.empty());
    }

    /** The storage type that holds RCAR sessions: {@code session_storage_type}, else the shared one. */
    public StorageType effectiveSessionStorageType() {
        return sessionStorageType.orElse(storageBackend.storageType());
    }

    /** The configured plugin of that name, if any. */
    public Optional<PluginConfig> plugin(String name) {
        return plugins.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
