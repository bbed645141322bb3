package io.coco4j.kbs.config;

/** The configuration of a stand-alone service with a REST and a gRPC listener, which the command line may move. */
public interface SplitServiceConfig<T extends SplitServiceConfig<T>> {

    /** {@code [http_server]}: the REST API's listener. */
    HttpServerConfig httpServer();

    /** {@code [grpc]}: the gRPC API's listener. */
    GrpcListenerConfig grpc();

    T withListeners(HttpServerConfig rest, GrpcListenerConfig grpcListener);
}
