package io.coco4j.kbs.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code [http_server]}: where the KBS listens and how it secures the connection.
 *
 * @param sockets               {@code sockets}, IP literal and port each; default {@code 127.0.0.1:8080}
 * @param insecureHttp          {@code insecure_http}: plain HTTP instead of TLS; default false
 * @param privateKey            {@code private_key}: PEM private key for HTTPS
 * @param certificate           {@code certificate}: PEM certificate chain for HTTPS
 * @param payloadRequestSizeMiB {@code payload_request_size}: request body limit in MiB; default 2
 * @param workerCount           {@code worker_count}: HTTP worker threads; default: the number of CPUs
 * @param tlsProfile            {@code tls_profile}: {@code old}, {@code intermediate}, {@code modern} or {@code custom}
 * @param tlsMinVersion         {@code tls_min_version}: {@code 1.2} or {@code 1.3}; default from the profile
 * @param tlsMaxVersion         {@code tls_max_version}: {@code 1.2} or {@code 1.3}; default from the profile
 * @param tlsCiphers            {@code tls_ciphers}: colon-separated cipher suite list
 * @param tlsGroups             {@code tls_groups}: colon-separated key exchange groups
 */
public record HttpServerConfig(
        List<InetSocketAddress> sockets,
        boolean insecureHttp,
        Optional<Path> privateKey,
        Optional<Path> certificate,
        int payloadRequestSizeMiB,
        OptionalInt workerCount,
        String tlsProfile,
        Optional<String> tlsMinVersion,
        Optional<String> tlsMaxVersion,
        Optional<String> tlsCiphers,
        Optional<String> tlsGroups) {

    public static final InetSocketAddress DEFAULT_SOCKET = new InetSocketAddress(
            SocketAddresses.loopbackV4(), 8080);
    public static final int DEFAULT_PAYLOAD_REQUEST_SIZE_MIB = 2;
    public static final String DEFAULT_TLS_PROFILE = "intermediate";
    public static final List<String> TLS_PROFILES = List.of("old", "intermediate", "modern", "custom");
    public static final List<String> TLS_VERSIONS = List.of("1.2", "1.3");

    public HttpServerConfig {
        sockets = List.copyOf(sockets);
    }

    /** The reference's defaults: {@code 127.0.0.1:8080}, TLS, 2 MiB bodies, the intermediate TLS profile. */
    public static HttpServerConfig defaults() {
        return new HttpServerConfig(List.of(DEFAULT_SOCKET), false, Optional.empty(), Optional.empty(),
                DEFAULT_PAYLOAD_REQUEST_SIZE_MIB, OptionalInt.empty(), DEFAULT_TLS_PROFILE,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public HttpServerConfig withSockets(List<InetSocketAddress> listen) {
        return new HttpServerConfig(listen, insecureHttp, privateKey, certificate, payloadRequestSizeMiB, workerCount, tlsProfile,
                tlsMinVersion, tlsMaxVersion, tlsCiphers, tlsGroups);
    }

    /** The request body limit in bytes. */
    public long payloadRequestSizeBytes() {
        return payloadRequestSizeMiB * 1024L * 1024L;
    }
}
