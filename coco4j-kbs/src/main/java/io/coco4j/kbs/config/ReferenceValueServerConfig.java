package io.coco4j.kbs.config;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * The configuration of {@code coco4j rvps serve}: the keys of a built-in {@code rvps_config} at the
 * top level, and coco4j's listeners.
 *
 * @param rvps       the store and providers ({@code store}, {@code trusted_layout_keys}, {@code corim}, …)
 * @param httpServer {@code [http_server]}: the REST API's listener; default {@code 127.0.0.1:8001}
 * @param grpc       {@code [grpc]}: the reference's gRPC API; default {@code 127.0.0.1:50003}
 * @param admin      {@code [admin]}: who may use the REST API, as for the KBS (ACLs name the KBS's
 *                   {@code /kbs/v0/reference-value}); default the data directory's administrator key
 */
public record ReferenceValueServerConfig(RvpsConfig.BuiltIn rvps, HttpServerConfig httpServer, GrpcListenerConfig grpc,
                                         Optional<AdminConfig> admin)
        implements SplitServiceConfig<ReferenceValueServerConfig> {

    public static final InetSocketAddress DEFAULT_REST_SOCKET = new InetSocketAddress(SocketAddresses.loopbackV4(), 8001);

    /** Everything at its default. */
    public static ReferenceValueServerConfig defaults() {
        return new ReferenceValueServerConfig((RvpsConfig.BuiltIn) RvpsConfig.defaults(),
                HttpServerConfig.defaults().withSockets(List.of(DEFAULT_REST_SOCKET)),
                GrpcListenerConfig.plaintext(SocketAddresses.parse(RvpsConfig.DEFAULT_REMOTE_ADDRESS).orElseThrow()), Optional.empty());
    }

    @Override
    public ReferenceValueServerConfig withListeners(HttpServerConfig rest, GrpcListenerConfig grpcListener) {
        return new ReferenceValueServerConfig(rvps, rest, grpcListener, admin);
    }
}
