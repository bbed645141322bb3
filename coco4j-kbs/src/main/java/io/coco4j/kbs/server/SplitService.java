package io.coco4j.kbs.server;

import io.coco4j.grpc.GrpcListener;
import io.coco4j.kbs.config.ConfigNotice;
import io.coco4j.kbs.config.GrpcListenerConfig;
import io.coco4j.kbs.config.HttpServerConfig;
import io.coco4j.kbs.http.KbsHttpServer;
import io.coco4j.kbs.http.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What the stand-alone AS and RVPS have in common: a REST API on an HTTP(S) listener and a gRPC
 * API, plain text on loopback only in development mode. Closing stops the REST listener
 * (requests in flight finish), then the gRPC listener, then what the service holds.
 */
public abstract class SplitService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SplitService.class);

    private final KbsHttpServer http;
    private final GrpcListener grpc;
    private final Optional<TlsMaterial> tls;
    private final ServerMode mode;

    SplitService(KbsHttpServer http, GrpcListener grpc, Optional<TlsMaterial> tls, ServerMode mode) {
        this.http = http;
        this.grpc = grpc;
        this.tls = tls;
        this.mode = mode;
    }

    /** The checks and logging before a service starts: loopback-only listeners in development mode, configuration notices. */
    static void prepare(HttpServerConfig http, GrpcListenerConfig grpc, ServerMode mode, List<ConfigNotice> notices) throws StartupException {
        if (mode == ServerMode.DEVELOPMENT) {
            HttpListeners.requireLoopback(http.sockets(), "http_server.sockets");
            HttpListeners.requireLoopback(List.of(grpc.listen()), "grpc.listen");
        }
        for (ConfigNotice notice : notices) {
            LOG.warn("configuration: {}", notice);
        }
    }

    /** For the start-up log: both listeners and the mode. */
    String describeListeners() {
        return "REST API on " + http.baseUrls() + ", " + grpc.describe() + " ("
                + (mode == ServerMode.DEVELOPMENT ? "development mode" : "production") + ")";
    }

    public List<URI> restUrls() {
        return http.baseUrls();
    }

    public int restPort() {
        return http.port();
    }

    public int grpcPort() {
        return grpc.port();
    }

    public Optional<TlsMaterial> tls() {
        return tls;
    }

    public ServerMode mode() {
        return mode;
    }

    public void join() throws InterruptedException {
        http.join();
    }

    /** Releases what the service holds besides its listeners. */
    abstract void release();

    @Override
    public void close() throws Exception {
        try {
            http.close();
        } finally {
            grpc.close();
            release();
        }
    }
}
