package io.coco4j.kbs.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a gRPC client secures its channel ({@code ca_cert}, {@code client_key}, {@code client_cert}):
 * the server's CA (else the JDK's trust store) and, for mutual TLS, a key and certificate.
 */
record GrpcClientTlsConfig(Optional<Path> caCert, Optional<Path> clientKey, Optional<Path> clientCert) {
}
