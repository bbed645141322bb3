package io.coco4j.kbs.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the configuration files of the split services ({@code coco4j as serve}, {@code coco4j rvps serve}),
 * TOML, YAML or JSON by file extension. Their sections are read exactly as the KBS reads its own
 * sections of the same name, with the same errors and notices.
 */
public final class ServiceConfigLoader {

    private ServiceConfigLoader() {
    }

    public static LoadedServiceConfig<AttestationServerConfig> loadAttestationServer(Path file) throws ConfigException {
        return parseAttestationServer(KbsConfigLoader.read(file), ConfigFormat.forFile(file));
    }

    /**
     * Top-level keys: the reference AS's {@code work_dir}, {@code storage_backend},
     * {@code attestation_token_broker}, {@code rvps_config} and {@code verifier_config}; coco4j's
     * {@code http_server}, {@code grpc} and {@code admin}.
     */
    public static LoadedServiceConfig<AttestationServerConfig> parseAttestationServer(String text, ConfigFormat format) throws ConfigException {
        ConfigTable root = KbsConfigLoader.root(text, format);
        root.allowOnly("work_dir", "storage_backend", "attestation_token_broker", "rvps_config", "verifier_config", "http_server", "grpc",
                "admin");
        KbsConfigLoader sections = KbsConfigLoader.forSections();
        AttestationServerConfig defaults = AttestationServerConfig.defaults();
        AttestationServerConfig config = new AttestationServerConfig(
                KbsConfigLoader.path(root, "work_dir"),
                root.has("storage_backend") ? Optional.of(sections.storageBackend(root.requiredTable("storage_backend"))) : Optional.empty(),
                root.has("attestation_token_broker") ? sections.tokenBroker(root.requiredTable("attestation_token_broker"))
                        : defaults.tokenBroker(),
                root.has("rvps_config") ? sections.rvps(root.requiredTable("rvps_config")) : defaults.rvpsConfig(),
                sections.verifierConfig(root),
                root.has("http_server") ? sections.httpServer(root.requiredTable("http_server"), AttestationServerConfig.DEFAULT_REST_SOCKET)
                        : defaults.httpServer(),
                root.has("grpc") ? KbsConfigLoader.grpcListener(root.requiredTable("grpc"), AttestationServerConfig.DEFAULT_GRPC_LISTEN)
                        : defaults.grpc(),
                root.has("admin") ? Optional.of(sections.admin(root.requiredTable("admin"))) : Optional.empty());
        return new LoadedServiceConfig<>(config, sections.notices());
    }

    public static LoadedServiceConfig<ReferenceValueServerConfig> loadReferenceValueServer(Path file) throws ConfigException {
        return parseReferenceValueServer(KbsConfigLoader.read(file), ConfigFormat.forFile(file));
    }

    /**
     * Top-level keys: those of a built-in {@code rvps_config} ({@code store}, {@code sqlite}, {@code postgres},
     * {@code trusted_layout_keys}, {@code layout_key_threshold}, {@code enable_sample}, {@code corim}, {@code swid},
     * {@code grpc}, …), the reference RVPS's {@code storage} (recognised, not used: see {@code store}), and
     * coco4j's {@code http_server} and {@code admin}.
     */
    public static LoadedServiceConfig<ReferenceValueServerConfig> parseReferenceValueServer(String text, ConfigFormat format)
            throws ConfigException {
        ConfigTable root = KbsConfigLoader.root(text, format);
        KbsConfigLoader sections = KbsConfigLoader.forSections();
        RvpsConfig.BuiltIn rvps = sections.builtInRvps(root, "storage", "http_server", "admin");
        if (root.has("storage")) {
            sections.notSupported("storage", "the reference RVPS's key-value storage (reference values live in store)");
        }
        ReferenceValueServerConfig defaults = ReferenceValueServerConfig.defaults();
        ReferenceValueServerConfig config = new ReferenceValueServerConfig(rvps,
                root.has("http_server") ? sections.httpServer(root.requiredTable("http_server"), ReferenceValueServerConfig.DEFAULT_REST_SOCKET)
                        : defaults.httpServer(),
                rvps.grpc().orElse(defaults.grpc()),
                root.has("admin") ? Optional.of(sections.admin(root.requiredTable("admin"))) : Optional.empty());
        return new LoadedServiceConfig<>(config, sections.notices());
    }
}
