package io.coco4j.kbs.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.coco4j.protocol.tee.Tee;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a KBS configuration file (TOML, YAML or JSON, by file extension) into a {@link KbsConfig}.
 *
 * <p>Every key the reference KBS defines is recognised. Keys of features that are not built yet are
 * accepted and reported as {@link ConfigNotice}s; an unknown key, a value of the wrong type or out of
 * range fails with a {@link ConfigException} that names the key's full dotted path.
 */
public final class KbsConfigLoader {

    private static final ObjectMapper TOML = TomlMapper.builder().build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.ALLOW_COMMENTS).build();

    /** Plugin names of the reference and the spellings it accepts for them. */
    private static final Map<String, String> PLUGIN_NAMES = Map.of(
            "resource", "resource", "ResourceStorage", "resource",
            "sample", "sample", "Sample", "sample",
            "nebula-ca", "nebula-ca", "nebula_ca", "nebula-ca", "NebulaCa", "nebula-ca",
            "pkcs11", "pkcs11",
            "external", "external",
            "provisioner", "provisioner");

    private final List<ConfigNotice> notices = new ArrayList<>();

    private KbsConfigLoader() {
    }

    /** Reads and checks the file; its format follows from the extension. */
    public static LoadedKbsConfig load(Path file) throws ConfigException {
        return parse(read(file), ConfigFormat.forFile(file));
    }

    /** Checks configuration text of the given format. */
    public static LoadedKbsConfig parse(String text, ConfigFormat format) throws ConfigException {
        KbsConfigLoader loader = new KbsConfigLoader();
        KbsConfig config = loader.kbsConfig(root(text, format));
        return new LoadedKbsConfig(config, loader.notices);
    }

    /** The text of a configuration file. */
    static String read(Path file) throws ConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read config file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The top-level table of configuration text (an empty document is an empty table). */
    static ConfigTable root(String text, ConfigFormat format) throws ConfigException {
        ObjectMapper mapper = switch (format) {
            case TOML -> TOML;
            case YAML -> YAML;
            case JSON -> JSON;
        };
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException("", "not valid " + format.name() + ": " + e.getOriginalMessage()
                    + locationOf(e), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = mapper.createObjectNode();
        }
        return ConfigTable.of(root, "");
    }

    /** A loader for the sections other configuration files share with the KBS's; its notices collect here. */
    static KbsConfigLoader forSections() {
        return new KbsConfigLoader();
    }

    List<ConfigNotice> notices() {
        return List.copyOf(notices);
    }

    private static String locationOf(JsonProcessingException e) {
        var location = e.getLocation();
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Sections of {@code verifier_config} that coco4j's verifiers read. */
    private static final java.util.Set<String> SUPPORTED_VERIFIER_SETTINGS = java.util.Set.of("snp_verifier", "dcap_verifier",
            "tpm_verifier", "nvidia_verifier", "cca_verifier");

    void notSupported(String path, String what) {
        notices.add(new ConfigNotice(path, what + " is not supported yet"));
    }

    private KbsConfig kbsConfig(ConfigTable root) throws ConfigException {
        root.allowOnly("http_server", "attestation_token", "attestation_service", "admin", "storage_backend",
                "plugins", "session_storage_type", "audit", "limits");
        HttpServerConfig httpServer = httpServer(root.requiredTable("http_server"), HttpServerConfig.DEFAULT_SOCKET);
        AttestationTokenConfig attestationToken = root.table("attestation_token").isPresent()
                ? attestationToken(root.requiredTable("attestation_token"))
                : AttestationTokenConfig.defaults();
        AttestationServiceConfig attestationService = root.table("attestation_service").isPresent()
                ? attestationService(root.requiredTable("attestation_service"))
                : AttestationServiceConfig.defaults();
        AdminConfig admin = admin(root.requiredTable("admin"));
        StorageBackendConfig storage = root.table("storage_backend").isPresent()
                ? storageBackend(root.requiredTable("storage_backend"))
                : StorageBackendConfig.defaults();
        List<PluginConfig> plugins = plugins(root);
        Optional<StorageType> sessionStorage = storageType(root, "session_storage_type");
        AuditConfig audit = root.table("audit").isPresent() ? audit(root.requiredTable("audit")) : AuditConfig.defaults();
        LimitsConfig limits = root.table("limits").isPresent() ? limits(root.requiredTable("limits")) : LimitsConfig.defaults();

        KbsConfig config = new KbsConfig(httpServer, attestationToken, attestationService, admin, storage,
                plugins, sessionStorage, audit, limits);
        if (sessionStorage.isPresent() && sessionStorage.get() == StorageType.LOCAL_JSON) {
            notSupported("session_storage_type", "keeping RCAR sessions in LocalJson storage");
        }
        return config;
    }

    // ---- [audit] ----

    private static AuditConfig audit(ConfigTable table) throws ConfigException {
        table.allowOnly("enabled", "checkpoint_records", "checkpoint_seconds");
        return new AuditConfig(table.bool("enabled").orElse(true),
                table.integer("checkpoint_records", 1, 1_000_000).orElse(AuditConfig.DEFAULT_CHECKPOINT_RECORDS),
                table.integer("checkpoint_seconds", 1, 86_400).orElse(AuditConfig.DEFAULT_CHECKPOINT_SECONDS));
    }

    // ---- [limits] ----

    private static LimitsConfig limits(ConfigTable table) throws ConfigException {
        table.allowOnly("max_sessions", "rate_limit", "rate_limit_per_minute", "rate_limit_burst", "request_header_size",
                "max_evidence_size", "policy_max_steps", "policy_max_depth", "policy_timeout_ms");
        Map<Tee, Long> evidence = new EnumMap<>(Tee.class);
        if (table.has("max_evidence_size")) {
            ConfigTable sizes = table.requiredTable("max_evidence_size");
            for (Iterator<String> names = sizes.node().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                Tee tee = Tee.fromWireName(name).orElseThrow(() -> sizes.invalid(name,
                        "not a TEE name (" + String.join(", ", teeNames()) + ")"));
                evidence.put(tee, sizes.integer(name, 1024, 1L << 31).getAsLong());
            }
        }
        return new LimitsConfig(
                (int) table.integer("max_sessions", 1, 10_000_000).orElse(LimitsConfig.DEFAULT_MAX_SESSIONS),
                table.bool("rate_limit"),
                (int) table.integer("rate_limit_per_minute", 1, 1_000_000).orElse(LimitsConfig.DEFAULT_RATE_LIMIT_PER_MINUTE),
                (int) table.integer("rate_limit_burst", 1, 1_000_000).orElse(LimitsConfig.DEFAULT_RATE_LIMIT_BURST),
                (int) table.integer("request_header_size", 8, 16 * 1024).orElse(LimitsConfig.DEFAULT_REQUEST_HEADER_SIZE_KIB),
                evidence,
                table.integer("policy_max_steps", 1000, 10_000_000_000L).orElse(LimitsConfig.DEFAULT_POLICY_MAX_STEPS),
                (int) table.integer("policy_max_depth", 10, 100_000).orElse(LimitsConfig.DEFAULT_POLICY_MAX_DEPTH),
                table.integer("policy_timeout_ms", 1, 600_000).orElse(LimitsConfig.DEFAULT_POLICY_TIMEOUT_MILLIS));
    }

    private static List<String> teeNames() {
        List<String> names = new ArrayList<>();
        for (Tee tee : Tee.values()) {
            names.add(tee.wireName());
        }
        return names;
    }

    // ---- pkcs11 = { ... } ----

    private static Pkcs11KeyConfig pkcs11(ConfigTable table) throws ConfigException {
        table.allowOnly("library", "slot", "slot_list_index", "pin", "pin_file", "key_label");
        String library = table.requiredString("library");
        if (table.has("slot") && table.has("slot_list_index")) {
            throw table.invalid("slot", "give either slot or slot_list_index, not both");
        }
        if (table.has("pin") == table.has("pin_file")) {
            throw table.invalid("pin", "give exactly one of pin and pin_file");
        }
        OptionalLong slot = table.integer("slot", 0, 0xFFFF_FFFFL);
        OptionalLong index = table.integer("slot_list_index", 0, 1024);
        String label = table.requiredString("key_label");
        if (label.isBlank()) {
            throw table.invalid("key_label", "must not be empty");
        }
        return new Pkcs11KeyConfig(new io.coco4j.protocol.pkcs11.Pkcs11Settings(toPath(table.pathOf("library"), library),
                slot.isPresent() ? Optional.of(slot.getAsLong()) : Optional.empty(),
                index.isPresent() ? Optional.of((int) index.getAsLong()) : Optional.empty(),
                table.string("pin"), path(table, "pin_file")), label);
    }

    // ---- [http_server] ----

    /** {@code [http_server]}; {@code defaultSocket} when it names no sockets. */
    HttpServerConfig httpServer(ConfigTable table, InetSocketAddress defaultSocket) throws ConfigException {
        table.allowOnly("sockets", "insecure_http", "private_key", "certificate", "payload_request_size",
                "worker_count", "tls_profile", "tls_min_version", "tls_max_version", "tls_ciphers", "tls_groups");
        List<InetSocketAddress> sockets = new ArrayList<>();
        Optional<List<String>> socketTexts = table.stringList("sockets");
        if (socketTexts.isPresent()) {
            if (socketTexts.get().isEmpty()) {
                throw table.invalid("sockets", "at least one socket address is required");
            }
            for (int i = 0; i < socketTexts.get().size(); i++) {
                String text = socketTexts.get().get(i);
                sockets.add(SocketAddresses.parse(text).orElseThrow(() -> new ConfigException(
                        table.pathOf("sockets"), "'" + text + "' is not an IP:port socket address "
                        + "(an IPv4 literal, or an IPv6 literal in brackets, and a port)")));
            }
        } else {
            sockets.add(defaultSocket);
        }
        int payloadMiB = (int) table.integer("payload_request_size", 1, 2047)
                .orElse(HttpServerConfig.DEFAULT_PAYLOAD_REQUEST_SIZE_MIB);
        OptionalInt workers = OptionalInt.empty();
        if (table.has("worker_count")) {
            workers = OptionalInt.of((int) table.integer("worker_count", 1, 4096).getAsLong());
            notSupported(table.pathOf("worker_count"), "a fixed HTTP worker count");
        }
        String profile = table.string("tls_profile").orElse(HttpServerConfig.DEFAULT_TLS_PROFILE);
        if (!HttpServerConfig.TLS_PROFILES.contains(profile)) {
            throw table.invalid("tls_profile", "must be one of " + HttpServerConfig.TLS_PROFILES + ", found '"
                    + profile + "'");
        }
        Optional<String> minVersion = tlsVersion(table, "tls_min_version");
        Optional<String> maxVersion = tlsVersion(table, "tls_max_version");
        Optional<String> ciphers = table.string("tls_ciphers");
        Optional<String> groups = table.string("tls_groups");
        for (String key : List.of("tls_profile", "tls_min_version", "tls_max_version", "tls_ciphers", "tls_groups")) {
            if (table.has(key)) {
                notSupported(table.pathOf(key), "TLS profile tuning");
            }
        }
        return new HttpServerConfig(sockets, table.bool("insecure_http").orElse(false),
                path(table, "private_key"), path(table, "certificate"), payloadMiB, workers, profile,
                minVersion, maxVersion, ciphers, groups);
    }

    private static Optional<String> tlsVersion(ConfigTable table, String key) throws ConfigException {
        Optional<String> version = table.string(key);
        if (version.isPresent() && !HttpServerConfig.TLS_VERSIONS.contains(version.get())) {
            throw table.invalid(key, "must be \"1.2\" or \"1.3\", found '" + version.get() + "'");
        }
        return version;
    }

    // ---- [attestation_token] ----

    private AttestationTokenConfig attestationToken(ConfigTable table) throws ConfigException {
        table.allowOnly("trusted_certs_paths", "trusted_jwk_sets", "extra_teekey_paths", "insecure_header_jwk", "expected_issuers",
                "expected_audience");
        List<Path> certs = new ArrayList<>();
        List<String> certTexts = table.stringList("trusted_certs_paths").orElse(List.of());
        for (int i = 0; i < certTexts.size(); i++) {
            certs.add(toPath(table.pathOf("trusted_certs_paths") + "[" + i + "]", certTexts.get(i)));
        }
        List<String> pointers = table.stringList("extra_teekey_paths").orElse(List.of());
        for (int i = 0; i < pointers.size(); i++) {
            if (!pointers.get(i).startsWith("/")) {
                throw new ConfigException(table.pathOf("extra_teekey_paths") + "[" + i + "]",
                        "'" + pointers.get(i) + "' is not a JSON pointer into the token claims (it must start with '/')");
            }
        }
        return new AttestationTokenConfig(certs, table.stringList("trusted_jwk_sets").orElse(List.of()),
                pointers, table.bool("insecure_header_jwk").orElse(false), table.stringList("expected_issuers").orElse(List.of()),
                table.string("expected_audience"));
    }

    // ---- [attestation_service] ----

    private AttestationServiceConfig attestationService(ConfigTable table) throws ConfigException {
        String typeText = table.string("type").orElse(AttestationServiceType.COCO_AS_BUILTIN.configName());
        AttestationServiceType type = AttestationServiceType.parse(typeText).orElseThrow(() -> table.invalid("type",
                "unknown attestation service type '" + typeText + "' (coco_as_builtin, coco_as_grpc or intel_ta)"));
        long timeout = table.integer("timeout", 1, 525_600)
                .orElse(AttestationServiceConfig.DEFAULT_TIMEOUT_MINUTES);
        switch (type) {
            case COCO_AS_BUILTIN -> {
                table.allowOnly("type", "timeout", "attestation_token_broker", "rvps_config", "verifier_config",
                        "storage_type");
                TokenBrokerConfig broker = table.has("attestation_token_broker")
                        ? tokenBroker(table.requiredTable("attestation_token_broker"))
                        : TokenBrokerConfig.defaults();
                RvpsConfig rvps = table.has("rvps_config")
                        ? rvps(table.requiredTable("rvps_config"))
                        : RvpsConfig.defaults();
                Optional<JsonNode> verifierConfig = verifierConfig(table);
                Optional<StorageType> storageType = storageType(table, "storage_type");
                if (storageType.isPresent()) {
                    notSupported(table.pathOf("storage_type"), "a separate storage type for the attestation service");
                }
                return new AttestationServiceConfig(type, timeout, broker, rvps, verifierConfig, storageType,
                        Optional.empty());
            }
            case COCO_AS_GRPC -> {
                table.allowOnly("type", "timeout", "as_addr", "pool_size", "ca_cert", "client_key", "client_cert");
                GrpcClientTlsConfig tls = grpcClientTls(table);
                var grpc = new RemoteAttestationServiceConfig.Grpc(
                        table.string("as_addr").orElse(RemoteAttestationServiceConfig.Grpc.DEFAULT_AS_ADDR),
                        (int) table.integer("pool_size", 1, 65_535)
                                .orElse(RemoteAttestationServiceConfig.Grpc.DEFAULT_POOL_SIZE),
                        tls.caCert(), tls.clientKey(), tls.clientCert());
                return new AttestationServiceConfig(type, timeout, TokenBrokerConfig.defaults(),
                        RvpsConfig.defaults(), Optional.empty(), Optional.empty(), Optional.of(grpc));
            }
            case INTEL_TA -> {
                table.allowOnly("type", "timeout", "base_url", "api_key", "certs_file", "policy_ids",
                        "allow_unmatched_policy");
                notSupported(table.pathOf("type"), "Intel Trust Authority (intel_ta)");
                var ita = new RemoteAttestationServiceConfig.IntelTrustAuthority(table.requiredString("base_url"),
                        table.requiredString("api_key"), table.requiredString("certs_file"),
                        table.stringList("policy_ids").orElse(List.of()), table.bool("allow_unmatched_policy"));
                return new AttestationServiceConfig(type, timeout, TokenBrokerConfig.defaults(),
                        RvpsConfig.defaults(), Optional.empty(), Optional.empty(), Optional.of(ita));
            }
            default -> throw new IllegalStateException(type.name());
        }
    }

    /** {@code verifier_config} of {@code table}, as a JSON tree; sections no verifier reads are reported. */
    Optional<JsonNode> verifierConfig(ConfigTable table) throws ConfigException {
        if (!table.has("verifier_config")) {
            return Optional.empty();
        }
        JsonNode verifierConfig = table.requiredTable("verifier_config").node().deepCopy();
        for (java.util.Iterator<String> names = verifierConfig.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SUPPORTED_VERIFIER_SETTINGS.contains(name)) {
                notSupported(table.pathOf("verifier_config") + "." + name, "this verifier's configuration");
            }
        }
        return Optional.of(verifierConfig);
    }

    TokenBrokerConfig tokenBroker(ConfigTable table) throws ConfigException {
        table.allowOnly("duration_min", "issuer_name", "developer_name", "build_name", "profile_name",
                "verbose_token", "signer");
        Optional<TokenSignerConfig> signer = Optional.empty();
        if (table.has("signer")) {
            ConfigTable s = table.requiredTable("signer");
            s.allowOnly("key_path", "cert_path", "cert_url", "pkcs11");
            if (s.has("key_path") == s.has("pkcs11")) {
                throw s.invalid("key_path", "give exactly one of key_path and pkcs11");
            }
            Optional<Pkcs11KeyConfig> pkcs11 = s.has("pkcs11") ? Optional.of(pkcs11(s.requiredTable("pkcs11"))) : Optional.empty();
            signer = Optional.of(new TokenSignerConfig(path(s, "key_path"), pkcs11, path(s, "cert_path"), s.string("cert_url")));
        }
        return new TokenBrokerConfig(
                table.integer("duration_min", 1, 525_600).orElse(TokenBrokerConfig.DEFAULT_DURATION_MINUTES),
                table.string("issuer_name").orElse(TokenBrokerConfig.DEFAULT_ISSUER_NAME),
                table.string("developer_name").orElse(TokenBrokerConfig.DEFAULT_DEVELOPER_NAME),
                table.string("build_name"),
                table.string("profile_name").orElse(TokenBrokerConfig.DEFAULT_PROFILE_NAME),
                table.bool("verbose_token").orElse(true),
                signer);
    }

    RvpsConfig rvps(ConfigTable table) throws ConfigException {
        String type = table.string("type").orElse("BuiltIn");
        switch (type) {
            case "BuiltIn" -> {
                return builtInRvps(table, "type");
            }
            case "GrpcRemote" -> {
                table.allowOnly("type", "address", "ca_cert", "client_key", "client_cert");
                GrpcClientTlsConfig tls = grpcClientTls(table);
                return new RvpsConfig.GrpcRemote(table.string("address").orElse(RvpsConfig.DEFAULT_REMOTE_ADDRESS),
                        tls.caCert(), tls.clientKey(), tls.clientCert());
            }
            default -> throw table.invalid("type", "unknown RVPS type '" + type + "' (BuiltIn or GrpcRemote)");
        }
    }

    /** The keys of a built-in RVPS in {@code table}, which may also hold {@code otherKeys} (read elsewhere). */
    RvpsConfig.BuiltIn builtInRvps(ConfigTable table, String... otherKeys) throws ConfigException {
        List<String> allowed = new ArrayList<>(List.of("storage_type", "extractors", "store", "sqlite", "postgres", "trusted_layout_keys",
                "layout_key_threshold", "enable_sample", "corim", "swid", "grpc"));
        allowed.addAll(List.of(otherKeys));
        table.allowOnly(allowed.toArray(new String[0]));
        Optional<StorageType> storageType = storageType(table, "storage_type");
        if (storageType.isPresent()) {
            notSupported(table.pathOf("storage_type"), "a key-value storage type for reference values (see store)");
        }
        Optional<JsonNode> extractors = Optional.empty();
        if (table.has("extractors")) {
            extractors = Optional.of(table.requiredTable("extractors").node().deepCopy());
            notSupported(table.pathOf("extractors"), "the reference's extractor settings (see corim, swid, trusted_layout_keys)");
        }
        RvpsConfig.Store store = rvpsStore(table);
        List<Path> layoutKeys = paths(table, "trusted_layout_keys");
        int threshold = (int) table.integer("layout_key_threshold", 1, 64).orElse(1);
        if (threshold > Math.max(1, layoutKeys.size())) {
            throw table.invalid("layout_key_threshold", "is " + threshold + " but only " + layoutKeys.size()
                    + " trusted layout key(s) are configured");
        }
        RvpsConfig.Corim corim = RvpsConfig.Corim.defaults();
        if (table.has("corim")) {
            ConfigTable t = table.requiredTable("corim");
            t.allowOnly("signing_keys", "allow_unsigned");
            corim = new RvpsConfig.Corim(paths(t, "signing_keys"), t.bool("allow_unsigned").orElse(false));
        }
        RvpsConfig.Swid swid = RvpsConfig.Swid.defaults();
        if (table.has("swid")) {
            ConfigTable t = table.requiredTable("swid");
            t.allowOnly("trusted_certs");
            swid = new RvpsConfig.Swid(paths(t, "trusted_certs"));
        }
        Optional<GrpcListenerConfig> grpc = table.has("grpc")
                ? Optional.of(grpcListener(table.requiredTable("grpc"), RvpsConfig.DEFAULT_REMOTE_ADDRESS))
                : Optional.empty();
        return new RvpsConfig.BuiltIn(storageType, extractors, store, layoutKeys, threshold,
                table.bool("enable_sample").orElse(false), corim, swid, grpc);
    }

    /** A gRPC client's {@code ca_cert}, {@code client_key} and {@code client_cert} (the last two together or neither). */
    private static GrpcClientTlsConfig grpcClientTls(ConfigTable table) throws ConfigException {
        Optional<Path> clientKey = path(table, "client_key");
        Optional<Path> clientCert = path(table, "client_cert");
        if (clientKey.isPresent() != clientCert.isPresent()) {
            throw new ConfigException(table.path(), "client_key and client_cert go together");
        }
        return new GrpcClientTlsConfig(path(table, "ca_cert"), clientKey, clientCert);
    }

    /** A gRPC listener table: {@code listen} (default {@code defaultListen}), {@code tls_key}, {@code tls_cert}, {@code client_ca}. */
    static GrpcListenerConfig grpcListener(ConfigTable t, String defaultListen) throws ConfigException {
        t.allowOnly("listen", "tls_key", "tls_cert", "client_ca");
        String listenText = t.string("listen").orElse(defaultListen);
        InetSocketAddress listen = SocketAddresses.parse(listenText).orElseThrow(() -> t.invalid("listen",
                "'" + listenText + "' is not an IP:port socket address"));
        Optional<Path> key = path(t, "tls_key");
        Optional<Path> cert = path(t, "tls_cert");
        if (key.isPresent() != cert.isPresent()) {
            throw new ConfigException(t.path(), "tls_key and tls_cert go together");
        }
        Optional<Path> clientCa = path(t, "client_ca");
        if (clientCa.isPresent() && key.isEmpty()) {
            throw t.invalid("client_ca", "mutual TLS needs tls_key and tls_cert as well");
        }
        return new GrpcListenerConfig(listen, key, cert, clientCa);
    }

    private static RvpsConfig.Store rvpsStore(ConfigTable table) throws ConfigException {
        String store = table.string("store").orElse("sqlite");
        switch (store) {
            case "sqlite" -> {
                if (table.has("postgres")) {
                    throw table.invalid("postgres", "is set but store = \"sqlite\"");
                }
                Optional<Path> file = Optional.empty();
                if (table.has("sqlite")) {
                    ConfigTable t = table.requiredTable("sqlite");
                    t.allowOnly("path");
                    file = path(t, "path");
                }
                return new RvpsConfig.Store.Sqlite(file);
            }
            case "postgres" -> {
                if (table.has("sqlite")) {
                    throw table.invalid("sqlite", "is set but store = \"postgres\"");
                }
                ConfigTable t = table.requiredTable("postgres");
                t.allowOnly("url", "username", "password", "max_pool_size");
                String url = t.requiredString("url");
                if (!url.startsWith("jdbc:postgresql://")) {
                    throw t.invalid("url", "must be a JDBC URL, jdbc:postgresql://host:port/database");
                }
                return new RvpsConfig.Store.Postgres(url, t.requiredString("username"), t.string("password"),
                        (int) t.integer("max_pool_size", 1, 1024).orElse(8));
            }
            case "memory" -> {
                if (table.has("sqlite") || table.has("postgres")) {
                    throw table.invalid("store", "is \"memory\" but a sqlite or postgres table is set");
                }
                return new RvpsConfig.Store.Memory();
            }
            default -> throw table.invalid("store", "unknown reference-value store '" + store + "' (sqlite, postgres or memory)");
        }
    }

    private static List<Path> paths(ConfigTable table, String key) throws ConfigException {
        List<Path> paths = new ArrayList<>();
        List<String> texts = table.stringList(key).orElse(List.of());
        for (int i = 0; i < texts.size(); i++) {
            paths.add(toPath(table.pathOf(key) + "[" + i + "]", texts.get(i)));
        }
        return paths;
    }

    // ---- [storage_backend] ----

    StorageBackendConfig storageBackend(ConfigTable table) throws ConfigException {
        table.allowOnly("storage_type", "backends", "encryption");
        StorageType type = storageType(table, "storage_type").orElse(StorageType.MEMORY);
        if (type == StorageType.LOCAL_JSON || type == StorageType.REDIS) {
            notSupported(table.pathOf("storage_type"), type.configName() + " storage");
        }
        StorageBackendConfig.Backends backends = StorageBackendConfig.Backends.none();
        if (table.has("backends")) {
            ConfigTable b = table.requiredTable("backends");
            b.allowOnly("local_fs", "local_json", "postgres", "redis", "sqlite");
            Optional<StorageBackendConfig.LocalFs> localFs = Optional.empty();
            if (b.has("local_fs")) {
                ConfigTable t = b.requiredTable("local_fs");
                t.allowOnly("dir_path");
                localFs = Optional.of(new StorageBackendConfig.LocalFs(
                        t.string("dir_path").orElse(StorageBackendConfig.LocalFs.DEFAULT_DIR_PATH)));
            }
            Optional<StorageBackendConfig.LocalJson> localJson = Optional.empty();
            if (b.has("local_json")) {
                ConfigTable t = b.requiredTable("local_json");
                t.allowOnly("file_dir_path");
                localJson = Optional.of(new StorageBackendConfig.LocalJson(
                        t.string("file_dir_path").orElse(StorageBackendConfig.LocalJson.DEFAULT_FILE_DIR_PATH)));
                notSupported(t.path(), "LocalJson storage");
            }
            Optional<StorageBackendConfig.Postgres> postgres = Optional.empty();
            if (b.has("postgres")) {
                ConfigTable t = b.requiredTable("postgres");
                t.allowOnly("host", "port", "db", "username", "password", "url");
                var d = StorageBackendConfig.Postgres.defaults();
                Optional<String> url = t.string("url");
                if (url.isPresent()) {
                    try {
                        io.coco4j.storage.sql.PostgresConnection.fromUrl(url.get(), d.username());
                    } catch (IllegalArgumentException e) {
                        throw t.invalid("url", e.getMessage());
                    }
                }
                postgres = Optional.of(new StorageBackendConfig.Postgres(t.string("host").orElse(d.host()),
                        (int) t.integer("port", 1, 65_535).orElse(d.port()), t.string("db").orElse(d.db()),
                        t.string("username").orElse(d.username()), t.string("password"), url));
            }
            Optional<StorageBackendConfig.Redis> redis = Optional.empty();
            if (b.has("redis")) {
                ConfigTable t = b.requiredTable("redis");
                t.allowOnly("url");
                String url = t.string("url").orElse(StorageBackendConfig.Redis.DEFAULT_URL);
                if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
                    throw t.invalid("url", "must be a redis:// or rediss:// URL");
                }
                redis = Optional.of(new StorageBackendConfig.Redis(url));
            }
            Optional<StorageBackendConfig.Sqlite> sqlite = Optional.empty();
            if (b.has("sqlite")) {
                ConfigTable t = b.requiredTable("sqlite");
                t.allowOnly("file_path");
                sqlite = Optional.of(new StorageBackendConfig.Sqlite(
                        t.string("file_path").orElse(StorageBackendConfig.Sqlite.DEFAULT_FILE_PATH)));
            }
            backends = new StorageBackendConfig.Backends(localFs, localJson, postgres, redis, sqlite);
        }
        Optional<StorageBackendConfig.Encryption> encryption = Optional.empty();
        if (table.has("encryption")) {
            ConfigTable e = table.requiredTable("encryption");
            e.allowOnly("pkcs11", "namespaces");
            List<String> namespaces = e.stringList("namespaces").orElse(StorageBackendConfig.Encryption.DEFAULT_NAMESPACES);
            if (namespaces.isEmpty()) {
                throw e.invalid("namespaces", "must name at least one namespace");
            }
            for (String namespace : namespaces) {
                if (namespace.equals("kbs_protocol_session") || namespace.startsWith("audit_")) {
                    throw e.invalid("namespaces", "'" + namespace + "' cannot be encrypted (only resources, policies "
                            + "and reference values can)");
                }
            }
            encryption = Optional.of(new StorageBackendConfig.Encryption(pkcs11(e.requiredTable("pkcs11")), namespaces));
        }
        return new StorageBackendConfig(type, backends, encryption);
    }

    private static Optional<StorageType> storageType(ConfigTable table, String key) throws ConfigException {
        Optional<String> text = table.string(key);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(StorageType.parse(text.get()).orElseThrow(() -> table.invalid(key,
                "unknown storage type '" + text.get() + "' (" + StorageType.spellings() + ")")));
    }

    // ---- [[plugins]] ----

    private List<PluginConfig> plugins(ConfigTable root) throws ConfigException {
        List<PluginConfig> plugins = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigTable table : root.tableList("plugins").orElse(List.of())) {
            String given = table.requiredString("name");
            String name = PLUGIN_NAMES.get(given);
            if (name == null && io.coco4j.kbs.plugin.PluginFactories.discover().find(given).isPresent()) {
                // a plugin an operator added through the KbsPluginFactory service interface
                name = given;
            }
            if (name == null) {
                throw table.invalid("name", "unknown plugin '" + given
                        + "' (resource, sample, nebula-ca, pkcs11, external or provisioner)");
            }
            if (!seen.add(name)) {
                throw table.invalid("name", "plugin '" + name + "' is configured more than once");
            }
            ObjectNode settings = table.node().deepCopy();
            settings.remove("name");
            switch (name) {
                case "resource" -> resourcePlugin(table, settings);
                case "sample" -> {
                    table.allowOnly("name", "item");
                    table.requiredString("item");
                }
                case "pkcs11" -> {
                    table.allowOnly("name", "module", "slot_index", "pin");
                    table.requiredString("module");
                    table.requiredString("pin");
                }
                case "external" -> table.allowOnly("name", "backends");
                case "nebula-ca", "provisioner" -> notSupported(table.path(), "the " + name + " plugin");
                // operator plugins check their own settings when they are built
                default -> { }
            }
            plugins.add(new PluginConfig(name, settings));
        }
        return plugins;
    }

    private void resourcePlugin(ConfigTable table, ObjectNode settings) throws ConfigException {
        String given = table.string("storage_backend_type").orElse(PluginConfig.KV_STORAGE);
        String type = switch (given) {
            case "kvstorage", "KvStorage" -> "kvstorage";
            case "aliyun", "Aliyun" -> "aliyun";
            case "aws", "Aws" -> "aws";
            case "gcp", "Gcp" -> "gcp";
            case "vault", "Vault" -> "vault";
            default -> throw table.invalid("storage_backend_type", "unknown resource storage back-end '" + given
                    + "' (kvstorage, Aliyun, Aws, Gcp or Vault)");
        };
        settings.put("storage_backend_type", type);
        switch (type) {
            case "kvstorage" -> table.allowOnly("name", "storage_backend_type");
            case "aliyun" -> {
                table.allowOnly("name", "storage_backend_type", "client_key", "kms_instance_id", "password",
                        "cert_pem");
                for (String key : List.of("client_key", "kms_instance_id", "password", "cert_pem")) {
                    table.requiredString(key);
                }
            }
            case "aws" -> {
                table.allowOnly("name", "storage_backend_type", "region", "endpoint_url");
                table.string("region");
                table.string("endpoint_url");
            }
            case "gcp" -> {
                table.allowOnly("name", "storage_backend_type", "project_id", "version", "endpoint_url");
                table.requiredString("project_id");
                table.string("version");
                table.string("endpoint_url");
            }
            case "vault" -> {
                table.allowOnly("name", "storage_backend_type", "vault_url", "token", "mount_path", "verify_ssl",
                        "ca_certs");
                table.requiredString("vault_url");
                table.requiredString("token");
                table.string("mount_path");
                table.bool("verify_ssl");
                table.stringList("ca_certs");
            }
            default -> throw new IllegalStateException(type);
        }
        if (!type.equals("kvstorage")) {
            notSupported(table.pathOf("storage_backend_type"), "the " + given + " resource back-end");
        }
    }

    // ---- [admin] ----

    AdminConfig admin(ConfigTable table) throws ConfigException {
        String modeText = table.requiredString("authorization_mode");
        AdminConfig.AuthorizationMode mode = AdminConfig.AuthorizationMode.parse(modeText).orElseThrow(
                () -> table.invalid("authorization_mode", "unknown admin mode '" + modeText
                        + "' (InsecureAllowAll, DenyAll or AuthenticatedAuthorization)"));
        switch (mode) {
            case INSECURE_ALLOW_ALL -> {
                table.allowOnly("authorization_mode");
                return AdminConfig.insecureAllowAll();
            }
            case DENY_ALL -> {
                table.allowOnly("authorization_mode");
                return AdminConfig.denyAll();
            }
            case AUTHENTICATED_AUTHORIZATION -> {
                table.allowOnly("authorization_mode", "authentication", "authorization");
                ConfigTable authentication = table.requiredTable("authentication");
                authentication.allowOnly("bearer_jwt");
                ConfigTable authorization = table.requiredTable("authorization");
                authorization.allowOnly("regex_acl");
                return AdminConfig.authenticated(bearerJwt(authentication.requiredTable("bearer_jwt")),
                        regexAcl(authorization.requiredTable("regex_acl")));
            }
            default -> throw new IllegalStateException(mode.name());
        }
    }

    private AdminConfig.BearerJwt bearerJwt(ConfigTable table) throws ConfigException {
        table.allowOnly("identity_providers", "insecure_public_key_from_uri", "insecure_header_jwk");
        List<AdminConfig.IdentityProvider> providers = new ArrayList<>();
        for (ConfigTable idp : table.tableList("identity_providers").orElse(List.of())) {
            idp.allowOnly("issuer", "audience", "public_key_uri", "jwk_set_uri");
            Optional<String> publicKey = idp.nonEmptyString("public_key_uri");
            Optional<String> jwkSet = idp.nonEmptyString("jwk_set_uri");
            if (publicKey.isEmpty() && jwkSet.isEmpty()) {
                throw new ConfigException(idp.path(), "an identity provider needs public_key_uri or jwk_set_uri");
            }
            providers.add(new AdminConfig.IdentityProvider(idp.nonEmptyString("issuer"),
                    idp.nonEmptyString("audience"), publicKey, jwkSet));
        }
        if (providers.isEmpty()) {
            throw new ConfigException(table.pathOf("identity_providers"),
                    "at least one identity provider is required in AuthenticatedAuthorization mode");
        }
        boolean insecureUri = table.bool("insecure_public_key_from_uri").orElse(false);
        if (insecureUri) {
            notSupported(table.pathOf("insecure_public_key_from_uri"),
                    "fetching admin keys over plain http:// (only https://, file:// and paths are used)");
        }
        boolean insecureHeaderJwk = table.bool("insecure_header_jwk").orElse(false);
        if (insecureHeaderJwk) {
            notSupported(table.pathOf("insecure_header_jwk"),
                    "trusting a key embedded in an admin token's header (such keys are never trusted)");
        }
        return new AdminConfig.BearerJwt(providers, insecureUri, insecureHeaderJwk);
    }

    private static AdminConfig.RegexAcl regexAcl(ConfigTable table) throws ConfigException {
        table.allowOnly("acls");
        List<AdminConfig.AclRule> rules = new ArrayList<>();
        for (ConfigTable acl : table.tableList("acls").orElse(List.of())) {
            acl.allowOnly("role", "allowed_endpoints");
            String role = acl.requiredString("role");
            String regex = acl.requiredString("allowed_endpoints");
            checkAclRegex(acl.pathOf("allowed_endpoints"), regex);
            rules.add(new AdminConfig.AclRule(role, regex));
        }
        return new AdminConfig.RegexAcl(rules);
    }

    /** The reference's start-up rule for ACL expressions: anchored, under {@code /kbs}, and valid. */
    static void checkAclRegex(String path, String regex) throws ConfigException {
        if (!regex.startsWith("^/kbs") || !regex.endsWith("$")) {
            throw new ConfigException(path, "the expression '" + regex + "' must start with ^/kbs and end with $");
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(path, "not a valid regular expression: " + e.getDescription());
        }
    }

    // ---- helpers ----

    static Optional<Path> path(ConfigTable table, String key) throws ConfigException {
        Optional<String> text = table.string(key);
        return text.isPresent() ? Optional.of(toPath(table.pathOf(key), text.get())) : Optional.empty();
    }

    private static Path toPath(String keyPath, String text) throws ConfigException {
        if (text.isEmpty()) {
            throw new ConfigException(keyPath, "a file path must not be empty");
        }
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigException(keyPath, "not a valid file path: " + e.getReason().toLowerCase(Locale.ROOT));
        }
    }
}
