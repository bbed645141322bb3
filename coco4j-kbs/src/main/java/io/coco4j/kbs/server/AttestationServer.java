package io.coco4j.kbs.server;

import io.coco4j.as.AttestationService;
import io.coco4j.as.grpc.AttestationGrpcService;
import io.coco4j.as.rest.AttestationRestApi;
import io.coco4j.grpc.GrpcListener;
import io.coco4j.kbs.config.AdminConfig;
import io.coco4j.kbs.config.AttestationServerConfig;
import io.coco4j.kbs.config.ConfigNotice;
import io.coco4j.kbs.config.GrpcListenerConfig;
import io.coco4j.kbs.http.AttestationRestHandler;
import io.coco4j.kbs.http.HttpSettings;
import io.coco4j.kbs.http.KbsHttpServer;
import io.coco4j.kbs.http.TlsMaterial;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.grpc.ReferenceValueProviderService;
import io.coco4j.storage.StorageBackend;
import io.coco4j.verifier.VerifierRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Attestation Service on its own ({@code coco4j as serve}), as the reference deploys it: the
 * REST API on an HTTP(S) listener and the gRPC API ({@code attestation.AttestationService}, the
 * re-exported {@code reference.ReferenceValueProviderService} of its RVPS, and a plain HTTP
 * {@code GET /.well-known/jwks.json} on a plaintext port) for KBSes with {@code type = "coco_as_grpc"}.
 */
public final class AttestationServer extends SplitService {

    private static final Logger LOG = LoggerFactory.getLogger(AttestationServer.class);
    private static final String JWKS_PATH = "/.well-known/jwks.json";

    private final AttestationServices.Opened attestation;
    private final StorageBackend storage;

    /**
     * What to start. {@code verifiers} exists for tests only (verifiers that trust a test vendor chain);
     * {@code environment} supplies {@code POSTGRES_URL}.
     */
    public record Options(AttestationServerConfig config, ServerMode mode, DataDirectory data, List<ConfigNotice> notices,
                          Optional<VerifierRegistry> verifiers, Map<String, String> environment) {
        public Options {
            notices = List.copyOf(notices);
            environment = Map.copyOf(environment);
        }

        public Options(AttestationServerConfig config, ServerMode mode, DataDirectory data, List<ConfigNotice> notices) {
            this(config, mode, data, notices, Optional.empty(), System.getenv());
        }
    }

    private AttestationServer(KbsHttpServer http, GrpcListener grpc, AttestationServices.Opened attestation, StorageBackend storage,
                              Optional<TlsMaterial> tls, ServerMode mode) {
        super(http, grpc, tls, mode);
        this.attestation = attestation;
        this.storage = storage;
    }

    public static AttestationServer start(Options options) throws StartupException {
        AttestationServerConfig config = options.config();
        ServerMode mode = options.mode();
        prepare(config.httpServer(), config.grpc(), mode, options.notices());
        StorageBackend storage = StorageBackends.open(config.storageBackend().orElseGet(() -> EmbeddedDefaults.storage(options.data())),
                options.environment());
        AttestationServices.Opened attestation = null;
        GrpcListener grpc = null;
        try {
            attestation = AttestationServices.open(config.tokenBroker(), config.rvpsConfig(), config.verifierConfig(), storage, mode,
                    options.data(), options.verifiers(), Clock.systemUTC());
            AttestationService service = attestation.service();
            grpc = grpcListener(config.grpc(), service);

            AdminConfig admin = config.admin().isPresent() ? config.admin().get() : EmbeddedDefaults.admin(options.data());
            AttestationRestApi api = new AttestationRestApi(service, Administrators.policyAdministration(admin));
            Optional<TlsMaterial> tls = HttpListeners.tls(config.httpServer(), mode, options.data());
            HttpSettings settings = HttpListeners.settings(config.httpServer(), tls);
            KbsHttpServer http = new KbsHttpServer(new AttestationRestHandler(api, settings.maxBodyBytes()), settings);
            http.start();
            AttestationServer server = new AttestationServer(http, grpc, attestation, storage, tls, mode);
            server.logStarted();
            return server;
        } catch (StartupException e) {
            closeQuietly(grpc, attestation, storage);
            throw e;
        } catch (Exception e) {
            closeQuietly(grpc, attestation, storage);
            throw new StartupException("cannot start the attestation service: " + e.getMessage(), e);
        }
    }

    private static GrpcListener grpcListener(GrpcListenerConfig settings, AttestationService service) throws StartupException {
        GrpcListener.Builder builder = GrpcListeners.builder(settings)
                .service(new AttestationGrpcService(service).definition())
                .service(new ReferenceValueProviderService(service.referenceValues()).definition());
        if (settings.tlsKey().isEmpty()) {
            builder.httpGet(JWKS_PATH, () -> Json.writeBytes(service.jwks()));
        }
        return GrpcListeners.start(builder, settings, "the attestation service's gRPC listener");
    }

    private void logStarted() {
        LOG.info("storage: {}", storage.describe());
        attestation.referenceValues().builtIn().ifPresentOrElse(
                r -> LOG.info("reference values: {} (providers: {})", r.describeStore(), String.join(", ", r.extractorTypes())),
                () -> LOG.info("reference values: a remote RVPS over gRPC"));
        attestation.referenceValues().listener().ifPresent(l -> LOG.info("RVPS: {}", l.describe()));
        tls().ifPresent(t -> LOG.info("TLS certificate SHA-256 fingerprint: {}", t.leafFingerprint()));
        LOG.info("attestation service: {}", describeListeners());
    }

    public AttestationService service() {
        return attestation.service();
    }

    @Override
    void release() {
        closeQuietly(null, attestation, storage);
    }

    private static void closeQuietly(GrpcListener grpc, AttestationServices.Opened attestation, StorageBackend storage) {
        if (grpc != null) {
            grpc.close();
        }
        if (attestation != null) {
            attestation.close();
        }
        storage.close();
    }
}
