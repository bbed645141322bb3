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
 * @param audit              {@code [audit]}
 * @param limits             {@code [limits]}
 */
public record KbsConfig(
        HttpServerConfig httpServer,
        AttestationTokenConfig attestationToken,
        AttestationServiceConfig attestationService,
        AdminConfig admin,
        StorageBackendConfig storageBackend,
        List<PluginConfig> plugins,
        Optional<StorageType> sessionStorageType,
        AuditConfig audit,
        LimitsConfig limits) {

    public KbsConfig {
        plugins = List.copyOf(plugins);
    }

    /** A configuration with the default {@code [limits]}. */
    public KbsConfig(HttpServerConfig httpServer, AttestationTokenConfig attestationToken,
                     AttestationServiceConfig attestationService, AdminConfig admin, StorageBackendConfig storageBackend,
                     List<PluginConfig> plugins, Optional<StorageType> sessionStorageType, AuditConfig audit) {
        this(httpServer, attestationToken, attestationService, admin, storageBackend, plugins, sessionStorageType, audit,
                LimitsConfig.defaults());
    }

    /** A configuration with the default {@code [audit]} settings. */
    public KbsConfig(HttpServerConfig httpServer, AttestationTokenConfig attestationToken,
                     AttestationServiceConfig attestationService, AdminConfig admin, StorageBackendConfig storageBackend,
                     List<PluginConfig> plugins, Optional<StorageType> sessionStorageType) {
        this(httpServer, attestationToken, attestationService, admin, storageBackend, plugins, sessionStorageType,
                AuditConfig.defaults());
    }

    /** Every section at the reference's defaults, with the given (mandatory) admin settings. */
    public static KbsConfig withDefaults(AdminConfig admin) {
        return new KbsConfig(HttpServerConfig.defaults(), AttestationTokenConfig.defaults(),
                AttestationServiceConfig.defaults(), admin, StorageBackendConfig.defaults(), List.of(),
                Optional.empty(), AuditConfig.defaults(), LimitsConfig.defaults());
    }

    /**
     * The storage type that holds RCAR sessions: {@code session_storage_type}, else the shared one
     * (replicas behind a load balancer share them through {@code "Redis"} or {@code "Postgres"}).
     */
    public StorageType effectiveSessionStorageType() {
        return sessionStorageType.orElse(storageBackend.storageType());
    }

    public KbsConfig withStorageBackend(StorageBackendConfig storage) {
        return new KbsConfig(httpServer, attestationToken, attestationService, admin, storage, plugins, sessionStorageType, audit, limits);
    }

    public KbsConfig withSessionStorageType(Optional<StorageType> type) {
        return new KbsConfig(httpServer, attestationToken, attestationService, admin, storageBackend, plugins, type, audit, limits);
    }

    public KbsConfig withHttpServer(HttpServerConfig http) {
        return new KbsConfig(http, attestationToken, attestationService, admin, storageBackend, plugins, sessionStorageType, audit, limits);
    }

    public KbsConfig withAttestationService(AttestationServiceConfig service) {
        return new KbsConfig(httpServer, attestationToken, service, admin, storageBackend, plugins, sessionStorageType, audit, limits);
    }

    public KbsConfig withAttestationToken(AttestationTokenConfig token) {
        return new KbsConfig(httpServer, token, attestationService, admin, storageBackend, plugins, sessionStorageType, audit);
    }

    public KbsConfig withAudit(AuditConfig auditConfig) {
        return new KbsConfig(httpServer, attestationToken, attestationService, admin, storageBackend, plugins, sessionStorageType,
                auditConfig, limits);
    }

    public KbsConfig withLimits(LimitsConfig limitsConfig) {
        return new KbsConfig(httpServer, attestationToken, attestationService, admin, storageBackend, plugins, sessionStorageType, audit,
                limitsConfig);
    }

    /** The configured plugin of that name, if any. */
    public Optional<PluginConfig> plugin(String name) {
        return plugins.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
