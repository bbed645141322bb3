package io.coco4j.kbs.server;

import io.coco4j.grpc.GrpcListener;
import io.coco4j.kbs.config.AdminConfig;
import io.coco4j.kbs.config.ConfigNotice;
import io.coco4j.kbs.config.ReferenceValueServerConfig;
import io.coco4j.kbs.http.HttpSettings;
import io.coco4j.kbs.http.KbsHttpServer;
import io.coco4j.kbs.http.ReferenceValueHandler;
import io.coco4j.kbs.http.TlsMaterial;
import io.coco4j.kbs.rvps.ReferenceValueApi;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.grpc.ReferenceValueProviderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The RVPS on its own ({@code coco4j rvps serve}): the reference's gRPC
 * {@code reference.ReferenceValueProviderService}, which attestation services query (and where
 * loopback or mutual-TLS callers register), and the REST API below {@code /rvps/v0/} that
 * {@code coco4j rvps register|get|list|delete --url} uses, for administrators.
 */
public final class ReferenceValueServer extends SplitService {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceValueServer.class);

    private final BuiltinReferenceValueProvider rvps;

    /** What to start; the sample provider is on in development mode or with {@code enable_sample}. */
    public record Options(ReferenceValueServerConfig config, ServerMode mode, DataDirectory data, List<ConfigNotice> notices,
                          Clock clock) {
        public Options {
            notices = List.copyOf(notices);
        }

        public Options(ReferenceValueServerConfig config, ServerMode mode, DataDirectory data, List<ConfigNotice> notices) {
            this(config, mode, data, notices, Clock.systemUTC());
        }
    }

    private ReferenceValueServer(KbsHttpServer http, GrpcListener grpc, BuiltinReferenceValueProvider rvps, Optional<TlsMaterial> tls,
                                 ServerMode mode) {
        super(http, grpc, tls, mode);
        this.rvps = rvps;
    }

    public static ReferenceValueServer start(Options options) throws StartupException {
        ReferenceValueServerConfig config = options.config();
        ServerMode mode = options.mode();
        prepare(config.httpServer(), config.grpc(), mode, options.notices());
        BuiltinReferenceValueProvider rvps = ReferenceValueServices.builtIn(config.rvps(), mode, options.data(), options.clock());
        GrpcListener grpc = null;
        try {
            grpc = GrpcListeners.start(GrpcListeners.builder(config.grpc()).service(new ReferenceValueProviderService(rvps).definition()),
                    config.grpc(), "the RVPS gRPC listener");
            AdminConfig admin = config.admin().isPresent() ? config.admin().get() : EmbeddedDefaults.admin(options.data());
            Optional<TlsMaterial> tls = HttpListeners.tls(config.httpServer(), mode, options.data());
            HttpSettings settings = HttpListeners.settings(config.httpServer(), tls);
            KbsHttpServer http = new KbsHttpServer(new ReferenceValueHandler(new ReferenceValueApi(rvps, Administrators.gate(admin)),
                    settings.maxBodyBytes()), settings);
            http.start();
            ReferenceValueServer server = new ReferenceValueServer(http, grpc, rvps, tls, mode);
            LOG.info("reference values: {} (providers: {})", rvps.describeStore(), String.join(", ", rvps.extractorTypes()));
            tls.ifPresent(t -> LOG.info("TLS certificate SHA-256 fingerprint: {}", t.leafFingerprint()));
            LOG.info("RVPS: {}", server.describeListeners());
            return server;
        } catch (StartupException e) {
            closeQuietly(grpc, rvps);
            throw e;
        } catch (Exception e) {
            closeQuietly(grpc, rvps);
            throw new StartupException("cannot start the RVPS: " + e.getMessage(), e);
        }
    }

    public BuiltinReferenceValueProvider referenceValues() {
        return rvps;
    }

    @Override
    void release() {
        rvps.close();
    }

    private static void closeQuietly(GrpcListener grpc, BuiltinReferenceValueProvider rvps) {
        if (grpc != null) {
            grpc.close();
        }
        rvps.close();
    }
}
