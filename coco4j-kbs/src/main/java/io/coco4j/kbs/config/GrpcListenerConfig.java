package io.coco4j.kbs.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A gRPC listener ({@code [grpc]} of an RVPS or an AS).
 *
 * @param listen   {@code listen}: {@code ip:port}
 * @param tlsKey   {@code tls_key}: server key (PEM), with {@code tls_cert}; without both the listener is plaintext
 * @param tlsCert  {@code tls_cert}: server certificate chain (PEM)
 * @param clientCa {@code client_ca}: CA certificates (PEM) of clients allowed to change state over mutual TLS
 */
public record GrpcListenerConfig(InetSocketAddress listen, Optional<Path> tlsKey, Optional<Path> tlsCert, Optional<Path> clientCa) {

    /** A plaintext listener on {@code listen}. */
    public static GrpcListenerConfig plaintext(InetSocketAddress listen) {
        return new GrpcListenerConfig(listen, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public GrpcListenerConfig withListen(InetSocketAddress address) {
        return new GrpcListenerConfig(address, tlsKey, tlsCert, clientCa);
    }
}
