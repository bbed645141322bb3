package io.coco4j.kbs.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The configuration of {@code coco4j as serve}: the reference AS's sections and coco4j's listeners.
 *
 * @param workDir        {@code work_dir}: the data directory (generated keys, the default stores)
 * @param storageBackend {@code [storage_backend]}: where policies live; default SQLite in the data directory
 * @param tokenBroker    {@code [attestation_token_broker]}
 * @param rvpsConfig     {@code [rvps_config]}: the built-in RVPS or a remote one ({@code GrpcRemote})
 * @param verifierConfig {@code [verifier_config]}
 * @param httpServer     {@code [http_server]}: the REST API's listener; default {@code 127.0.0.1:8000}
 * @param grpc           {@code [grpc]}: the gRPC API's listener; default {@code 127.0.0.1:50004}
 * @param admin          {@code [admin]}: who may set policies over REST, as for the KBS (ACLs name the KBS's
 *                       {@code /kbs/v0/attestation-policy}); default the data directory's administrator key
 */
public record AttestationServerConfig(Optional<Path> workDir, Optional<StorageBackendConfig> storageBackend, TokenBrokerConfig tokenBroker,
                                      RvpsConfig rvpsConfig, Optional<JsonNode> verifierConfig, HttpServerConfig httpServer,
                                      GrpcListenerConfig grpc, Optional<AdminConfig> admin)
        implements SplitServiceConfig<AttestationServerConfig> {

    public static final InetSocketAddress DEFAULT_REST_SOCKET = new InetSocketAddress(SocketAddresses.loopbackV4(), 8000);
    public static final String DEFAULT_GRPC_LISTEN = "127.0.0.1:50004";

    /** Everything at its default. */
    public static AttestationServerConfig defaults() {
        return new AttestationServerConfig(Optional.empty(), Optional.empty(), TokenBrokerConfig.defaults(), RvpsConfig.defaults(),
                Optional.empty(), HttpServerConfig.defaults().withSockets(List.of(DEFAULT_REST_SOCKET)),
                GrpcListenerConfig.plaintext(SocketAddresses.parse(DEFAULT_GRPC_LISTEN).orElseThrow()), Optional.empty());
    }

    @Override
    public AttestationServerConfig withListeners(HttpServerConfig rest, GrpcListenerConfig grpcListener) {
        return new AttestationServerConfig(workDir, storageBackend, tokenBroker, rvpsConfig, verifierConfig, rest, grpcListener, admin);
    }
}
