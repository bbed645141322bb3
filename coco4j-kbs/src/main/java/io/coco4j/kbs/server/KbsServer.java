package io.coco4j.kbs.server;

import io.coco4j.as.AttestationService;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.as.ear.SignerSettings;
import io.coco4j.as.ear.SigningKeyException;
import io.coco4j.kbs.admin.AdminAuthException;
import io.coco4j.kbs.admin.AdminAuthInitializationException;
import io.coco4j.kbs.admin.AdminAuthorizer;
import io.coco4j.kbs.api.AdminGate;
import io.coco4j.kbs.api.KbsApi;
import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.api.TeeKeyLocator;
import io.coco4j.kbs.api.TokenValidator;
import io.coco4j.kbs.attestation.BuiltinAttestationBackend;
import io.coco4j.kbs.config.AttestationServiceType;
import io.coco4j.kbs.config.ConfigNotice;
import io.coco4j.kbs.config.HttpServerConfig;
import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.PluginConfig;
import io.coco4j.kbs.config.StorageType;
import io.coco4j.kbs.config.TokenBrokerConfig;
import io.coco4j.kbs.http.HttpSettings;
import io.coco4j.kbs.http.KbsHandler;
import io.coco4j.kbs.http.KbsHttpServer;
import io.coco4j.kbs.http.TlsMaterial;
import io.coco4j.kbs.jwks.JwkSetLoader;
import io.coco4j.kbs.jwks.KeySourceException;
import io.coco4j.kbs.jwks.KeySourceReader;
import io.coco4j.kbs.jwks.TrustedJwkSet;
import io.coco4j.kbs.policy.BuiltinResourcePolicy;
import io.coco4j.kbs.policy.ResourcePolicy;
import io.coco4j.kbs.rcar.RcarService;
import io.coco4j.kbs.resource.ResourcePlugin;
import io.coco4j.kbs.session.InMemorySessionStore;
import io.coco4j.kbs.token.AttestationTokenVerifier;
import io.coco4j.kbs.token.TeePublicKeyLocator;
import io.coco4j.kbs.token.TokenVerificationException;
import io.coco4j.kbs.token.TokenVerifierInitializationException;
import io.coco4j.kbs.token.TrustedCertificates;
import io.coco4j.protocol.crypto.CryptoProviders;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.jose.TeePublicKey;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;
import io.coco4j.verifier.VerifierRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running KBS with its built-in Attestation Service and RVPS, assembled from a configuration:
 * storage, verifiers, token broker and verifier, admin authorisation, sessions, plugins, listener.
 */
public final class KbsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KbsServer.class);

    private final KbsHttpServer http;
    private final StorageBackend storage;
    private final InMemorySessionStore sessions;
    private final AttestationService attestation;
    private final Optional<TlsMaterial> tls;
    private final ServerMode mode;

    /**
     * What to start: a configuration, the mode, and the data directory for generated keys.
     * {@code tlsInDevelopment} exists for tests only: it keeps HTTPS in development mode so the
     * sample TEE can be exercised over TLS; the command line never sets it.
     */
    public record Options(KbsConfig config, ServerMode mode, DataDirectory data, List<ConfigNotice> notices,
                          boolean tlsInDevelopment) {
        public Options {
            notices = List.copyOf(notices);
        }

        public Options(KbsConfig config, ServerMode mode, DataDirectory data, List<ConfigNotice> notices) {
            this(config, mode, data, notices, false);
        }
    }

    private KbsServer(KbsHttpServer http, StorageBackend storage, InMemorySessionStore sessions, AttestationService attestation,
                      Optional<TlsMaterial> tls, ServerMode mode) {
        this.http = http;
        this.storage = storage;
        this.sessions = sessions;
        this.attestation = attestation;
        this.tls = tls;
        this.mode = mode;
    }

    public static KbsServer start(Options options) throws StartupException {
        KbsConfig config = options.config();
        ServerMode mode = options.mode();
        Clock clock = Clock.systemUTC();
        checkSupported(config, mode);
        for (ConfigNotice notice : options.notices()) {
            LOG.warn("configuration: {}", notice);
        }
        StorageBackend storage = StorageBackends.open(config.storageBackend());
        InMemorySessionStore sessions = null;
        try {
            SignerSettings signer = signer(config.attestationService().tokenBroker(), options.data());
            AttestationService attestation = attestationService(config, mode, storage, signer);
            BuiltinAttestationBackend backend = new BuiltinAttestationBackend(attestation);

            TokenValidator tokens = tokenValidator(config, signer, clock);
            TeePublicKeyLocator locator = new TeePublicKeyLocator(config.attestationToken().extraTeekeyPaths());
            TeeKeyLocator teeKeys = claims -> {
                try {
                    return Optional.of(locator.locate(claims));
                } catch (TokenVerificationException e) {
                    return Optional.empty();
                }
            };
            AdminGate admin = adminGate(config);

            sessions = new InMemorySessionStore(clock);
            Duration timeout = Duration.ofMinutes(config.attestationService().timeoutMinutes());
            TeePublicKey.KeyPolicy keyPolicy = TeePublicKey.KeyPolicy.DEFAULT;
            RcarService rcar = new RcarService(sessions, backend, clock, timeout, keyPolicy);

            ResourcePolicy resourcePolicy = mode == ServerMode.DEVELOPMENT
                    ? BuiltinResourcePolicy.ALLOW_ALL : BuiltinResourcePolicy.REFERENCE_DEFAULT;
            Optional<TlsMaterial> tls = tls(config.httpServer(), options.tlsInDevelopment() ? ServerMode.PRODUCTION : mode, options.data());
            KbsApi.Builder api = KbsApi.builder()
                    .rcar(rcar, sessions)
                    .attestation(backend)
                    .admin(admin)
                    .tokens(tokens, teeKeys)
                    .resourcePolicy(() -> resourcePolicy)
                    .keyPolicy(keyPolicy)
                    .clock(clock)
                    .secureCookies(tls.isPresent());
            for (PluginConfig plugin : config.plugins()) {
                api.plugin(new ResourcePlugin(storage.namespace(Namespace.REPOSITORY)));
            }
            HttpServerConfig httpConfig = config.httpServer();
            HttpSettings settings = new HttpSettings(httpConfig.sockets(), tls, httpConfig.payloadRequestSizeBytes(),
                    tlsProtocols(httpConfig));
            KbsHttpServer server = new KbsHttpServer(new KbsHandler(api.build(), attestation::jwks, settings.maxBodyBytes()), settings);
            server.start();
            KbsServer kbs = new KbsServer(server, storage, sessions, attestation, tls, mode);
            kbs.logStarted(resourcePolicy);
            return kbs;
        } catch (StartupException e) {
            closeQuietly(storage, sessions);
            throw e;
        } catch (StorageException | IOException e) {
            closeQuietly(storage, sessions);
            throw new StartupException("cannot start the KBS: " + e.getMessage(), e);
        } catch (Exception e) {
            closeQuietly(storage, sessions);
            throw new StartupException("cannot start the KBS: " + e, e);
        }
    }

    private static void checkSupported(KbsConfig config, ServerMode mode) throws StartupException {
        if (config.attestationService().type() != AttestationServiceType.COCO_AS_BUILTIN) {
            throw new StartupException("attestation_service.type = \"" + config.attestationService().type().configName()
                    + "\" is not supported yet (use \"coco_as_builtin\")");
        }
        if (config.effectiveSessionStorageType() != StorageType.MEMORY
                && config.sessionStorageType().isPresent()) {
            throw new StartupException("session_storage_type = \"" + config.effectiveSessionStorageType().configName()
                    + "\" is not supported yet (sessions are kept in memory)");
        }
        for (PluginConfig plugin : config.plugins()) {
            if (!PluginConfig.RESOURCE.equals(plugin.name())) {
                throw new StartupException("plugin '" + plugin.name() + "' is not supported yet");
            }
            if (!PluginConfig.KV_STORAGE.equals(plugin.resourceStorageBackendType())) {
                throw new StartupException("resource plugin storage_backend_type = \"" + plugin.resourceStorageBackendType()
                        + "\" is not supported yet (use \"kvstorage\")");
            }
        }
        if (mode == ServerMode.DEVELOPMENT) {
            for (InetSocketAddress socket : config.httpServer().sockets()) {
                if (socket.getAddress() == null || !socket.getAddress().isLoopbackAddress()) {
                    throw new StartupException("--dev listens on loopback only, but http_server.sockets has " + socket
                            + ": use 127.0.0.1 or drop --dev");
                }
            }
        }
    }

    /** The configured signer, else the data directory's (generated on first start). */
    private static SignerSettings signer(TokenBrokerConfig broker, DataDirectory data) throws IOException, GeneralSecurityException {
        if (broker.signer().isPresent()) {
            var configured = broker.signer().get();
            SignerSettings settings = SignerSettings.key(configured.keyPath());
            if (configured.certPath().isPresent()) {
                settings = settings.withCertPath(configured.certPath().get());
            }
            if (configured.certUrl().isPresent()) {
                settings = settings.withCertUrl(configured.certUrl().get());
            }
            return settings;
        }
        data.ensureTokenSigner();
        return SignerSettings.key(data.tokenSignerKey()).withCertPath(data.tokenSignerCertificate());
    }

    private static AttestationService attestationService(KbsConfig config, ServerMode mode, StorageBackend storage,
                                                         SignerSettings signer) throws StorageException, SigningKeyException {
        TokenBrokerConfig broker = config.attestationService().tokenBroker();
        EarTokenBrokerSettings defaults = EarTokenBrokerSettings.defaults();
        EarTokenBrokerSettings settings = new EarTokenBrokerSettings((int) broker.durationMinutes(), broker.issuerName(),
                broker.developerName(), broker.buildName().orElse(defaults.buildName()), broker.profileName(),
                broker.verboseToken(), Optional.of(signer));
        VerifierRegistry verifiers = VerifierRegistry.create(
                mode == ServerMode.DEVELOPMENT ? VerifierRegistry.Mode.DEVELOPMENT : VerifierRegistry.Mode.PRODUCTION);
        BuiltinReferenceValueProvider.Builder rvps = BuiltinReferenceValueProvider.builder(storage);
        if (mode == ServerMode.DEVELOPMENT) {
            rvps.extractor(new SampleExtractor());
        }
        return AttestationService.builder().storage(storage).tokenBroker(settings).verifiers(verifiers)
                .referenceValues(rvps.build()).build();
    }

    /**
     * The token verifier: the configured trust anchors plus the certificate of the built-in AS's own
     * signer, so the KBS trusts the tokens it issues itself through the reference's x5c path.
     */
    private static TokenValidator tokenValidator(KbsConfig config, SignerSettings signer, Clock clock)
            throws StartupException, IOException {
        List<X509Certificate> anchors = new ArrayList<>();
        for (Path path : config.attestationToken().trustedCertsPaths()) {
            anchors.addAll(TlsMaterial.readCertificates(path));
        }
        if (signer.certPath().isPresent()) {
            anchors.addAll(TlsMaterial.readCertificates(signer.certPath().get()));
        }
        JwkSetLoader loader = new JwkSetLoader(KeySourceReader.withDefaultHttpClient());
        List<TrustedJwkSet> sets = new ArrayList<>();
        try {
            for (String location : config.attestationToken().trustedJwkSets()) {
                sets.add(loader.load(location));
            }
            AttestationTokenVerifier verifier = new AttestationTokenVerifier(TrustedCertificates.of(anchors), sets,
                    config.attestationToken().insecureHeaderJwk(), clock);
            return token -> {
                try {
                    return verifier.verify(token);
                } catch (TokenVerificationException e) {
                    throw new KbsApiException(KbsErrorType.TOKEN_VERIFIER_ERROR, e.getMessage(), e);
                }
            };
        } catch (KeySourceException e) {
            throw new StartupException("cannot load a trusted JWK set: " + e.getMessage(), e);
        } catch (TokenVerifierInitializationException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    private static AdminGate adminGate(KbsConfig config) throws StartupException {
        AdminAuthorizer authorizer;
        try {
            authorizer = AdminAuthorizer.create(config.admin());
        } catch (AdminAuthInitializationException e) {
            throw new StartupException("admin authentication: " + e.getMessage(), e);
        }
        return request -> {
            try {
                authorizer.authorize(request.method(), request.pathAndQuery(), request.authorization());
            } catch (AdminAuthException e) {
                throw new KbsApiException(KbsErrorType.ADMIN_AUTH_ACCESS, e.getMessage(), e);
            }
        };
    }

    private static Optional<TlsMaterial> tls(HttpServerConfig http, ServerMode mode, DataDirectory data)
            throws StartupException, IOException, GeneralSecurityException {
        if (http.privateKey().isPresent() != http.certificate().isPresent()) {
            throw new StartupException("http_server needs both private_key and certificate, or neither");
        }
        if (mode == ServerMode.DEVELOPMENT) {
            if (http.privateKey().isPresent()) {
                LOG.warn("--dev serves plain HTTP: http_server.private_key and certificate are ignored");
            }
            return Optional.empty();
        }
        if (http.privateKey().isPresent()) {
            return Optional.of(TlsMaterial.fromPem(http.privateKey().get(), http.certificate().get()));
        }
        if (http.insecureHttp()) {
            return Optional.empty();
        }
        return Optional.of(data.tls());
    }

    private static List<String> tlsProtocols(HttpServerConfig http) throws StartupException {
        String min = http.tlsMinVersion().orElse(http.tlsProfile().equals("modern") ? "1.3" : "1.2");
        String max = http.tlsMaxVersion().orElse("1.3");
        List<String> protocols = new ArrayList<>();
        if (min.equals("1.2") && (max.equals("1.2") || max.equals("1.3"))) {
            protocols.add("TLSv1.2");
        }
        if (max.equals("1.3")) {
            protocols.add("TLSv1.3");
        }
        if (protocols.isEmpty()) {
            throw new StartupException("no TLS version between tls_min_version " + min + " and tls_max_version " + max);
        }
        return protocols;
    }

    private void logStarted(ResourcePolicy policy) {
        CryptoProviders.get().logChoices();
        LOG.info("storage: {}", storage.describe());
        LOG.info("resource policy: {}", policy.policyName());
        tls.ifPresent(t -> LOG.info("TLS certificate SHA-256 fingerprint: {}", t.leafFingerprint()));
        LOG.info("KBS listening on {} ({})", http.baseUrls(), mode == ServerMode.DEVELOPMENT ? "development mode" : "production");
    }

    public List<URI> baseUrls() {
        return http.baseUrls();
    }

    public int port() {
        return http.port();
    }

    public Optional<TlsMaterial> tls() {
        return tls;
    }

    public ServerMode mode() {
        return mode;
    }

    /** The built-in attestation service (reference values, policies). */
    public AttestationService attestationService() {
        return attestation;
    }

    public void join() throws InterruptedException {
        http.join();
    }

    @Override
    public void close() throws Exception {
        try {
            http.close();
        } finally {
            closeQuietly(storage, sessions);
        }
    }

    private static void closeQuietly(StorageBackend storage, InMemorySessionStore sessions) {
        if (sessions != null) {
            sessions.close();
        }
        storage.close();
    }
}
