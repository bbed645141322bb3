package io.coco4j.kbs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KbsConfigLoaderTest {

    private static final String MINIMAL = "[http_server]\n[admin]\nauthorization_mode = \"DenyAll\"\n";

    private static LoadedKbsConfig toml(String text) throws ConfigException {
        return KbsConfigLoader.parse(text, ConfigFormat.TOML);
    }

    private static LoadedKbsConfig resource(String name) throws Exception {
        return KbsConfigLoader.load(resourcePath(name));
    }

    private static Path resourcePath(String name) throws URISyntaxException {
        return Path.of(KbsConfigLoaderTest.class.getResource("/config/" + name).toURI());
    }

    private static ConfigException failure(String text) {
        try {
            toml(text);
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("configuration was accepted:\n" + text);
    }

    @Test
    void minimalConfigTakesTheReferenceDefaults() throws Exception {
        LoadedKbsConfig loaded = toml(MINIMAL);
        KbsConfig config = loaded.config();

        assertThat(config.httpServer().sockets())
                .containsExactly(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 8080));
        assertThat(config.httpServer().insecureHttp()).isFalse();
        assertThat(config.httpServer().privateKey()).isEmpty();
        assertThat(config.httpServer().certificate()).isEmpty();
        assertThat(config.httpServer().payloadRequestSizeMiB()).isEqualTo(2);
        assertThat(config.httpServer().payloadRequestSizeBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(config.httpServer().tlsProfile()).isEqualTo("intermediate");
        assertThat(config.httpServer().workerCount()).isEmpty();

        assertThat(config.attestationToken()).isEqualTo(AttestationTokenConfig.defaults());
        assertThat(config.attestationToken().insecureHeaderJwk()).isFalse();

        AttestationServiceConfig as = config.attestationService();
        assertThat(as.type()).isEqualTo(AttestationServiceType.COCO_AS_BUILTIN);
        assertThat(as.timeoutMinutes()).isEqualTo(5);
        assertThat(as.tokenBroker().durationMinutes()).isEqualTo(5);
        assertThat(as.tokenBroker().issuerName()).isEqualTo("CoCo-Attestation-Service");
        assertThat(as.tokenBroker().developerName()).isEqualTo("https://confidentialcontainers.org");
        assertThat(as.tokenBroker().profileName()).isEqualTo("tag:github.com,2024:confidential-containers/Trustee");
        assertThat(as.tokenBroker().verboseToken()).isTrue();
        assertThat(as.tokenBroker().buildName()).isEmpty();
        assertThat(as.tokenBroker().signer()).isEmpty();
        assertThat(as.rvpsConfig()).isEqualTo(new RvpsConfig.BuiltIn(Optional.empty(), Optional.empty()));
        assertThat(as.verifierConfig()).isEmpty();
        assertThat(as.remote()).isEmpty();

        assertThat(config.admin()).isEqualTo(AdminConfig.denyAll());
        assertThat(config.storageBackend().storageType()).isEqualTo(StorageType.MEMORY);
        assertThat(config.storageBackend().backends().localFsOrDefault().dirPath())
                .isEqualTo("/opt/confidential-containers/storage/local_fs");
        assertThat(config.storageBackend().backends().localJsonOrDefault().fileDirPath())
                .isEqualTo("/opt/confidential-containers/storage/local_json");
        assertThat(config.storageBackend().backends().postgresOrDefault())
                .isEqualTo(new StorageBackendConfig.Postgres("localhost", 5432, "postgres", "postgres", Optional.empty()));
        assertThat(config.storageBackend().backends().redisOrDefault().url()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(config.plugins()).isEmpty();
        assertThat(config.sessionStorageType()).isEmpty();
        assertThat(config.effectiveSessionStorageType()).isEqualTo(StorageType.MEMORY);
        assertThat(loaded.notices()).isEmpty();

        assertThat(config).isEqualTo(KbsConfig.withDefaults(AdminConfig.denyAll()));
    }

    @Test
    void builtInAsSampleParsesEverySection() throws Exception {
        LoadedKbsConfig loaded = resource("builtin-as-localfs.toml");
        assertBuiltInSample(loaded);
        assertThat(loaded.notices()).isEmpty();
    }

    @Test
    void yamlAndJsonFilesReadTheSameAsToml() throws Exception {
        KbsConfig fromToml = resource("builtin-as-localfs.toml").config();
        LoadedKbsConfig fromYaml = resource("builtin-as-localfs.yaml");
        LoadedKbsConfig fromJson = resource("builtin-as-localfs.json");
        assertBuiltInSample(fromYaml);
        assertBuiltInSample(fromJson);
        assertThat(fromYaml.config()).isEqualTo(fromToml);
        assertThat(fromJson.config()).isEqualTo(fromToml);
    }

    private static void assertBuiltInSample(LoadedKbsConfig loaded) throws Exception {
        KbsConfig config = loaded.config();
        HttpServerConfig http = config.httpServer();
        assertThat(http.sockets()).containsExactly(
                new InetSocketAddress(InetAddress.getByAddress(new byte[4]), 8443),
                new InetSocketAddress(InetAddress.getByName("::1"), 8443));
        assertThat(http.privateKey()).contains(Path.of("/etc/coco4j/https.key"));
        assertThat(http.certificate()).contains(Path.of("/etc/coco4j/https-chain.pem"));
        assertThat(http.payloadRequestSizeMiB()).isEqualTo(4);

        assertThat(config.attestationToken()).isEqualTo(new AttestationTokenConfig(
                List.of(Path.of("/etc/coco4j/as-root.pem")), List.of(), List.of("/custom/tee-pubkey"), false));

        AttestationServiceConfig as = config.attestationService();
        assertThat(as.timeoutMinutes()).isEqualTo(10);
        assertThat(as.tokenBroker()).isEqualTo(new TokenBrokerConfig(15, "tenant-as",
                TokenBrokerConfig.DEFAULT_DEVELOPER_NAME, Optional.empty(), TokenBrokerConfig.DEFAULT_PROFILE_NAME,
                false, Optional.of(new TokenSignerConfig(Path.of("/etc/coco4j/as-signing.key"),
                        Optional.of(Path.of("/etc/coco4j/as-signing-chain.pem")), Optional.empty()))));

        assertThat(config.admin().authorizationMode()).isEqualTo(AdminConfig.AuthorizationMode.AUTHENTICATED_AUTHORIZATION);
        AdminConfig.BearerJwt bearer = config.admin().bearerJwt().orElseThrow();
        assertThat(bearer.identityProviders()).containsExactly(
                new AdminConfig.IdentityProvider(Optional.of("tenant-idp"), Optional.of("kbs"), Optional.empty(),
                        Optional.of("https://idp.example/jwks")),
                new AdminConfig.IdentityProvider(Optional.empty(), Optional.empty(),
                        Optional.of("/etc/coco4j/admin-public.pem"), Optional.empty()));
        assertThat(config.admin().regexAcl().orElseThrow().acls()).containsExactly(
                new AdminConfig.AclRule("operator", "^/kbs/v0/resource/.+$"),
                new AdminConfig.AclRule("admin", "^/kbs/v0/.+$"));

        assertThat(config.storageBackend().storageType()).isEqualTo(StorageType.LOCAL_FS);
        assertThat(config.storageBackend().backends().localFs())
                .contains(new StorageBackendConfig.LocalFs("/var/lib/coco4j/storage"));
        assertThat(config.plugins()).hasSize(1);
        assertThat(config.plugin("resource").orElseThrow().resourceStorageBackendType()).isEqualTo("kvstorage");
        // Sessions follow the shared storage type unless session_storage_type says otherwise.
        assertThat(config.effectiveSessionStorageType()).isEqualTo(StorageType.LOCAL_FS);
        assertThat(loaded.notices()).isEmpty();
    }

    @Test
    void remoteGrpcSampleIsAccepted() throws Exception {
        LoadedKbsConfig loaded = resource("remote-grpc-as.toml");
        KbsConfig config = loaded.config();
        assertThat(config.attestationService().type()).isEqualTo(AttestationServiceType.COCO_AS_GRPC);
        assertThat(config.attestationService().timeoutMinutes()).isEqualTo(3);
        assertThat(config.attestationService().remote())
                .contains(new RemoteAttestationServiceConfig.Grpc("http://as.internal:50004", 20));
        assertThat(config.attestationToken().trustedCertsPaths())
                .containsExactly(Path.of("/etc/ca-a.pem"), Path.of("/etc/ca-b.pem"));
        assertThat(config.storageBackend().backends().postgres()).contains(new StorageBackendConfig.Postgres(
                "db.internal", 5432, "kbs", "kbs", Optional.of("not-a-real-password")));
        assertThat(config.storageBackend().backends().postgres().orElseThrow().toString())
                .doesNotContain("not-a-real-password");
        assertThat(config.plugin("resource").orElseThrow().resourceStorageBackendType()).isEqualTo("kvstorage");
        assertThat(loaded.notices()).isEmpty();
    }

    @Test
    void aRemoteGrpcAsMayBeReachedOverMutualTls() throws Exception {
        String as = "[attestation_service]\ntype = \"coco_as_grpc\"\nas_addr = \"https://as:50004\"\nca_cert = \"/etc/as-ca.pem\"\n";
        var grpc = (RemoteAttestationServiceConfig.Grpc) toml(MINIMAL + as + "client_key = \"/etc/kbs.key\"\nclient_cert = \"/etc/kbs.crt\"\n")
                .config().attestationService().remote().orElseThrow();
        assertThat(grpc).isEqualTo(new RemoteAttestationServiceConfig.Grpc("https://as:50004", 100, Optional.of(Path.of("/etc/as-ca.pem")),
                Optional.of(Path.of("/etc/kbs.key")), Optional.of(Path.of("/etc/kbs.crt"))));
        assertThat(failure(MINIMAL + as + "client_key = \"/etc/kbs.key\"\n").path()).isEqualTo("attestation_service");
    }

    @Test
    void intelTrustAuthoritySampleKeepsItsSettingsWithoutPrintingTheKey() throws Exception {
        LoadedKbsConfig loaded = resource("intel-ta.toml");
        KbsConfig config = loaded.config();
        var ita = (RemoteAttestationServiceConfig.IntelTrustAuthority) config.attestationService().remote().orElseThrow();
        assertThat(ita.baseUrl()).isEqualTo("https://api.example.com");
        assertThat(ita.apiKey()).isEqualTo("placeholder-api-key");
        assertThat(ita.certsFile()).isEqualTo("https://portal.example.com");
        assertThat(ita.allowUnmatchedPolicy()).contains(true);
        assertThat(ita.toString()).doesNotContain("placeholder-api-key");
        assertThat(config.attestationToken().trustedJwkSets()).containsExactly("https://portal.example.com");
        assertThat(config.plugins()).extracting(PluginConfig::name).containsExactly("resource", "nebula-ca");
        assertThat(config.plugin("nebula-ca").orElseThrow().settings().get("work_dir").asText())
                .isEqualTo("/var/lib/nebula-ca");
        assertThat(loaded.notices()).extracting(ConfigNotice::path)
                .containsExactlyInAnyOrder("attestation_service.type", "plugins[1]");
    }

    @Test
    void passportSampleNeedsNoAttestationService() throws Exception {
        LoadedKbsConfig loaded = resource("passport.toml");
        assertThat(loaded.config().attestationToken().trustedCertsPaths()).containsExactly(Path.of("./work/ca-cert.pem"));
        assertThat(loaded.config().admin()).isEqualTo(AdminConfig.denyAll());
        assertThat(loaded.config().storageBackend().backends().localFsOrDefault().dirPath()).isEqualTo("./work/storage");
        assertThat(loaded.notices()).isEmpty();
    }

    @Test
    void tlsTuningIsRecognisedButReportedAsNotSupported() throws Exception {
        LoadedKbsConfig loaded = resource("tls-custom.toml");
        HttpServerConfig http = loaded.config().httpServer();
        assertThat(http.tlsProfile()).isEqualTo("custom");
        assertThat(http.tlsMinVersion()).contains("1.3");
        assertThat(http.tlsMaxVersion()).contains("1.3");
        assertThat(http.tlsCiphers()).contains("TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256");
        assertThat(http.tlsGroups()).contains("X25519:secp256r1");
        assertThat(http.workerCount()).hasValue(8);
        assertThat(loaded.notices()).extracting(ConfigNotice::path).containsExactlyInAnyOrder(
                "http_server.worker_count", "http_server.tls_profile", "http_server.tls_min_version",
                "http_server.tls_max_version", "http_server.tls_ciphers", "http_server.tls_groups");
    }

    @Test
    void perComponentStorageOverridesAreRecognised() throws Exception {
        LoadedKbsConfig loaded = resource("rvps-override.toml");
        KbsConfig config = loaded.config();
        assertThat(config.sessionStorageType()).contains(StorageType.REDIS);
        assertThat(config.effectiveSessionStorageType()).isEqualTo(StorageType.REDIS);
        var rvps = (RvpsConfig.BuiltIn) config.attestationService().rvpsConfig();
        assertThat(rvps.storageType()).contains(StorageType.LOCAL_JSON);
        assertThat(rvps.extractors().orElseThrow().has("swid_extractor")).isTrue();
        assertThat(config.attestationService().verifierConfig().orElseThrow()
                .at("/snp_verifier/vcek_sources/0/path").asText()).isEqualTo("/srv/kds");
        assertThat(config.storageBackend().backends().redis().orElseThrow().toString()).doesNotContain("cache.internal");
        assertThat(loaded.notices()).extracting(ConfigNotice::path).containsExactlyInAnyOrder(
                "attestation_service.rvps_config.storage_type", "attestation_service.rvps_config.extractors",
                "storage_backend.backends.local_json");
    }

    @Test
    void remoteRvpsAndOtherPluginsAreRecognised() throws Exception {
        LoadedKbsConfig loaded = toml(MINIMAL + """
                [attestation_service.rvps_config]
                type = "GrpcRemote"

                [[plugins]]
                name = "sample"
                item = "value1"

                [[plugins]]
                name = "resource"
                storage_backend_type = "Vault"
                vault_url = "https://vault.internal:8200"
                token = "placeholder-token"
                verify_ssl = true
                ca_certs = ["/etc/vault-ca.pem"]
                """);
        assertThat(loaded.config().attestationService().rvpsConfig())
                .isEqualTo(new RvpsConfig.GrpcRemote("127.0.0.1:50003"));
        PluginConfig resource = loaded.config().plugin("resource").orElseThrow();
        assertThat(resource.resourceStorageBackendType()).isEqualTo("vault");
        assertThat(resource.toString()).doesNotContain("placeholder-token");
        // the sample plugin is built; the Vault back-end is not
        assertThat(loaded.notices()).extracting(ConfigNotice::path).containsExactlyInAnyOrder("plugins[1].storage_backend_type");
    }

    @Test
    void aliasesOfStorageTypesAndPluginNamesAreAccepted() throws Exception {
        for (String spelling : List.of("LocalFs", "local_fs")) {
            KbsConfig config = toml(MINIMAL + "[storage_backend]\nstorage_type = \"" + spelling + "\"\n").config();
            assertThat(config.storageBackend().storageType()).isEqualTo(StorageType.LOCAL_FS);
        }
        KbsConfig config = toml(MINIMAL + "[[plugins]]\nname = \"nebula_ca\"\n").config();
        assertThat(config.plugins()).extracting(PluginConfig::name).containsExactly("nebula-ca");
        assertThat(toml(MINIMAL + "[attestation_service]\ntype = \"CoCoASBuiltIn\"\n").config()
                .attestationService().type()).isEqualTo(AttestationServiceType.COCO_AS_BUILTIN);
    }

    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                arguments("colour = \"blue\"\n" + MINIMAL, "colour"),
                arguments("[http_server]\nsocket = [\"127.0.0.1:1\"]\n[admin]\nauthorization_mode = \"DenyAll\"\n",
                        "http_server.socket"),
                arguments(MINIMAL + "[attestation_token]\ninsecure_key = true\n", "attestation_token.insecure_key"),
                arguments(MINIMAL + "[attestation_service.attestation_token_broker.signer]\nkey_path = \"/k\"\n"
                        + "key_pass = \"x\"\n", "attestation_service.attestation_token_broker.signer.key_pass"),
                arguments(MINIMAL + "[storage_backend.backends.local_fs]\ndir = \"/x\"\n",
                        "storage_backend.backends.local_fs.dir"),
                arguments(MINIMAL + "[[plugins]]\nname = \"resource\"\ndir_path = \"/x\"\n", "plugins[0].dir_path"),
                arguments(MINIMAL + "[attestation_service]\ntype = \"coco_as_grpc\"\nattestation_token_broker = {}\n",
                        "attestation_service.attestation_token_broker"));
    }

    @ParameterizedTest
    @MethodSource("unknownKeys")
    void unknownKeysAreStartUpErrorsNamingTheirPath(String text, String path) {
        ConfigException e = failure(text);
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).startsWith(path + ": unknown configuration key");
    }

    @Test
    void unknownKeyDeepInsideTheAdminSectionIsNamed() {
        ConfigException e = failure("""
                [http_server]
                [admin]
                authorization_mode = "AuthenticatedAuthorization"
                [admin.authentication.bearer_jwt]
                identity_providers = [ { public_key_uri = "/a.pem" }, { jwk_set_uri = "/b.json", issuer_name = "x" } ]
                [admin.authorization.regex_acl]
                acls = []
                """);
        assertThat(e.path()).isEqualTo("admin.authentication.bearer_jwt.identity_providers[1].issuer_name");
    }

    @Test
    void theOldSimpleAdminLayoutIsRejected() {
        ConfigException e = failure("[http_server]\n[admin]\nauthorization_mode = \"DenyAll\"\ninsecure_api = true\n");
        assertThat(e.path()).isEqualTo("admin.insecure_api");
        assertThat(failure("[http_server]\n[admin]\ntype = \"DenyAll\"\n").path()).isEqualTo("admin.authorization_mode");
    }

    static Stream<Arguments> wrongValues() {
        return Stream.of(
                arguments("[http_server]\nsockets = \"127.0.0.1:8080\"\n", "http_server.sockets", "expected an array of strings, found a string"),
                arguments("[http_server]\nsockets = [8080]\n", "http_server.sockets[0]", "expected a string, found an integer"),
                arguments("[http_server]\ninsecure_http = 1\n", "http_server.insecure_http", "expected a boolean (true or false), found an integer"),
                arguments("[http_server]\npayload_request_size = \"2\"\n", "http_server.payload_request_size", "expected an integer, found a string"),
                arguments("[http_server]\npayload_request_size = 0\n", "http_server.payload_request_size", "must be between 1 and 2047, found 0"),
                arguments("[http_server]\nsockets = [\"localhost:8080\"]\n", "http_server.sockets", "'localhost:8080' is not an IP:port socket address"),
                arguments("[http_server]\nsockets = [\"127.0.0.1:70000\"]\n", "http_server.sockets", "is not an IP:port socket address"),
                arguments("[http_server]\ntls_profile = \"paranoid\"\n", "http_server.tls_profile", "must be one of"),
                arguments("[http_server]\n[attestation_service]\ntimeout = 1.5\n", "attestation_service.timeout", "expected an integer, found a floating-point number"),
                arguments("[http_server]\n[attestation_token]\ntrusted_jwk_sets = [\"a\", 1]\n", "attestation_token.trusted_jwk_sets[1]", "expected a string, found an integer"),
                arguments("[http_server]\n[attestation_token]\nextra_teekey_paths = [\"tee-pubkey\"]\n", "attestation_token.extra_teekey_paths[0]", "is not a JSON pointer"),
                arguments("[http_server]\n[attestation_service]\ntype = \"keylime\"\n", "attestation_service.type", "unknown attestation service type 'keylime'"),
                arguments("[http_server]\n[storage_backend]\nstorage_type = \"SQLite3\"\n", "storage_backend.storage_type", "unknown storage type 'SQLite3'"),
                arguments("storage_backend = \"Memory\"\n[http_server]\n", "storage_backend", "expected a table, found a string"),
                arguments("[http_server]\n[[plugins]]\nname = \"vault\"\n", "plugins[0].name", "unknown plugin 'vault'"),
                arguments("[http_server]\n[[plugins]]\nname = \"resource\"\n[[plugins]]\nname = \"resource\"\n", "plugins[1].name", "configured more than once"),
                arguments("[http_server]\n[[plugins]]\nitem = \"x\"\n", "plugins[0].name", "required key is missing"));
    }

    @ParameterizedTest
    @MethodSource("wrongValues")
    void wrongTypesAndValuesNameTheirPath(String text, String path, String problem) {
        ConfigException e = failure(text + "[admin]\nauthorization_mode = \"DenyAll\"\n");
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.getMessage()).contains(problem);
    }

    @Test
    void requiredTablesAndKeysMustBePresent() {
        assertThat(failure("[admin]\nauthorization_mode = \"DenyAll\"\n").path()).isEqualTo("http_server");
        assertThat(failure("[http_server]\n").path()).isEqualTo("admin");
        assertThat(failure("[http_server]\n[admin]\n").path()).isEqualTo("admin.authorization_mode");
        assertThat(failure("[http_server]\n[admin]\nauthorization_mode = \"AllowSome\"\n").getMessage())
                .contains("unknown admin mode 'AllowSome'");
        assertThat(failure("[http_server]\n[admin]\nauthorization_mode = \"AuthenticatedAuthorization\"\n").path())
                .isEqualTo("admin.authentication");
    }

    @ParameterizedTest
    @ValueSource(strings = {"^/kbs/v0/.+", "/kbs/v0/.+$", "^/admin/.+$", "^/kbs/(unclosed$"})
    void aclExpressionsMustBeAnchoredUnderKbsAndValid(String regex) {
        ConfigException e = failure("""
                [http_server]
                [admin]
                authorization_mode = "AuthenticatedAuthorization"
                [admin.authentication.bearer_jwt]
                identity_providers = [ { public_key_uri = "/a.pem" } ]
                [admin.authorization.regex_acl]
                acls = [ { role = "admin", allowed_endpoints = "^/kbs/v0/resource$" }, { role = "x", allowed_endpoints = '%s' } ]
                """.formatted(regex));
        assertThat(e.path()).isEqualTo("admin.authorization.regex_acl.acls[1].allowed_endpoints");
    }

    @Test
    void identityProvidersNeedAKeySource() {
        String base = """
                [http_server]
                [admin]
                authorization_mode = "AuthenticatedAuthorization"
                [admin.authorization.regex_acl]
                acls = []
                [admin.authentication.bearer_jwt]
                """;
        assertThat(failure(base + "identity_providers = [ { issuer = \"x\", public_key_uri = \"\" } ]\n").path())
                .isEqualTo("admin.authentication.bearer_jwt.identity_providers[0]");
        assertThat(failure(base + "identity_providers = []\n").path())
                .isEqualTo("admin.authentication.bearer_jwt.identity_providers");
    }

    @Test
    void emptyIssuerAndAudienceMeanNoCheck() throws Exception {
        KbsConfig config = toml("""
                [http_server]
                [admin]
                authorization_mode = "AuthenticatedAuthorization"
                [admin.authentication.bearer_jwt]
                identity_providers = [ { issuer = "", audience = "", public_key_uri = "/a.pem" } ]
                insecure_header_jwk = true
                [admin.authorization.regex_acl]
                acls = []
                """).config();
        var idp = config.admin().bearerJwt().orElseThrow().identityProviders().get(0);
        assertThat(idp.issuer()).isEmpty();
        assertThat(idp.audience()).isEmpty();
    }

    @Test
    void tokenIssuerAndAudienceExpectationsAreRead() throws Exception {
        AttestationTokenConfig token = toml(MINIMAL + "[attestation_token]\nexpected_issuers = [\"https://as.example\", \"ita\"]\n"
                + "expected_audience = \"kbs.example\"\n").config().attestationToken();
        assertThat(token.expectedIssuers()).containsExactly("https://as.example", "ita");
        assertThat(token.expectedAudience()).contains("kbs.example");
        assertThat(AttestationTokenConfig.defaults().expectedIssuers()).isEmpty();
        assertThat(AttestationTokenConfig.defaults().expectedAudience()).isEmpty();
    }

    @Test
    void insecureAdminSwitchesAreReportedBecauseTheyHaveNoEffect() throws Exception {
        LoadedKbsConfig loaded = toml("""
                [http_server]
                [admin]
                authorization_mode = "AuthenticatedAuthorization"
                [admin.authentication.bearer_jwt]
                identity_providers = [ { public_key_uri = "/a.pem" } ]
                insecure_header_jwk = true
                insecure_public_key_from_uri = true
                [admin.authorization.regex_acl]
                acls = []
                """);
        assertThat(loaded.notices()).extracting(ConfigNotice::path).containsExactlyInAnyOrder(
                "admin.authentication.bearer_jwt.insecure_header_jwk",
                "admin.authentication.bearer_jwt.insecure_public_key_from_uri");
    }

    @Test
    void syntaxErrorsAndDuplicateKeysAreReported() {
        assertThat(failure("[http_server\n").getMessage()).startsWith("not valid TOML");
        assertThatThrownBy(() -> KbsConfigLoader.parse("{\"http_server\": {}, \"http_server\": {}}", ConfigFormat.JSON))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Duplicate");
        assertThatThrownBy(() -> KbsConfigLoader.parse("http_server: {}\nhttp_server: {}\n", ConfigFormat.YAML))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Duplicate");
    }

    @Test
    void fileFormatFollowsTheExtension(@TempDir Path dir) throws IOException {
        Path conf = dir.resolve("kbs.conf");
        Files.writeString(conf, MINIMAL);
        assertThatThrownBy(() -> KbsConfigLoader.load(conf)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(".toml, .yaml, .yml or .json");
        assertThatThrownBy(() -> KbsConfigLoader.load(dir.resolve("missing.toml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read config file");
    }

    @Test
    void rvpsStoresKeysAndProvidersAreRead() throws Exception {
        LoadedKbsConfig loaded = toml(MINIMAL + """
                [attestation_service.rvps_config]
                store = "postgres"
                trusted_layout_keys = ["/etc/coco4j/owner.pub", "/etc/coco4j/second.pub"]
                layout_key_threshold = 2
                enable_sample = true
                [attestation_service.rvps_config.postgres]
                url = "jdbc:postgresql://db.internal:5432/rvps"
                username = "rvps"
                password = "secret-db-password"
                [attestation_service.rvps_config.corim]
                signing_keys = ["/etc/coco4j/corim.pem"]
                [attestation_service.rvps_config.swid]
                trusted_certs = ["/etc/coco4j/nvidia-root.pem"]
                [attestation_service.rvps_config.grpc]
                listen = "0.0.0.0:50003"
                tls_key = "/etc/coco4j/rvps.key"
                tls_cert = "/etc/coco4j/rvps.crt"
                client_ca = "/etc/coco4j/clients.pem"
                """);
        var rvps = (RvpsConfig.BuiltIn) loaded.config().attestationService().rvpsConfig();
        var postgres = (RvpsConfig.Store.Postgres) rvps.store();
        assertThat(postgres.url()).isEqualTo("jdbc:postgresql://db.internal:5432/rvps");
        assertThat(postgres.password()).contains("secret-db-password");
        assertThat(postgres.maxPoolSize()).isEqualTo(8);
        assertThat(postgres.toString()).doesNotContain("secret-db-password");
        assertThat(rvps.trustedLayoutKeys()).containsExactly(java.nio.file.Path.of("/etc/coco4j/owner.pub"),
                java.nio.file.Path.of("/etc/coco4j/second.pub"));
        assertThat(rvps.layoutKeyThreshold()).isEqualTo(2);
        assertThat(rvps.enableSample()).isTrue();
        assertThat(rvps.corim().signingKeys()).hasSize(1);
        assertThat(rvps.corim().allowUnsigned()).isFalse();
        assertThat(rvps.swid().trustedCertificates()).hasSize(1);
        assertThat(rvps.grpc().orElseThrow().clientCa()).isPresent();
        assertThat(loaded.notices()).isEmpty();

        var sqlite = (RvpsConfig.BuiltIn) toml(MINIMAL + "[attestation_service.rvps_config.sqlite]\npath = \"/var/lib/rvps.db\"\n")
                .config().attestationService().rvpsConfig();
        assertThat(sqlite.store()).isEqualTo(new RvpsConfig.Store.Sqlite(Optional.of(java.nio.file.Path.of("/var/lib/rvps.db"))));
    }

    @Test
    void rvpsMistakesNameTheirKey() {
        for (String[] bad : new String[][] {
                {"store = \"mongo\"", "attestation_service.rvps_config.store"},
                {"unknown_key = 1", "attestation_service.rvps_config"},
                {"store = \"postgres\"", "attestation_service.rvps_config.postgres"},
                {"store = \"postgres\"\n[attestation_service.rvps_config.postgres]\nurl = \"postgres://x\"\nusername = \"u\"",
                        "attestation_service.rvps_config.postgres.url"},
                {"trusted_layout_keys = [\"/a.pub\"]\nlayout_key_threshold = 2", "attestation_service.rvps_config.layout_key_threshold"},
                {"[attestation_service.rvps_config.grpc]\nlisten = \"everywhere\"", "attestation_service.rvps_config.grpc.listen"},
                {"[attestation_service.rvps_config.grpc]\nclient_ca = \"/ca.pem\"", "attestation_service.rvps_config.grpc.client_ca"},
                {"[attestation_service.rvps_config.corim]\nsigning_key = \"/k.pem\"", "attestation_service.rvps_config.corim"}}) {
            assertThatThrownBy(() -> toml(MINIMAL + "[attestation_service.rvps_config]\n" + bad[0] + "\n"))
                    .as(bad[0]).isInstanceOf(ConfigException.class).hasMessageContaining(bad[1]);
        }
    }
}
