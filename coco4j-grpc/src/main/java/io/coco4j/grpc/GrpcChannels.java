package io.coco4j.grpc;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Client channels to coco4j's (or the reference's) gRPC services. */
public final class GrpcChannels {

    private GrpcChannels() {
    }

    /** TLS settings of a client: the server CA (else the JDK's trust store) and, for mutual TLS, a key and certificate. */
    public record ClientTls(Optional<Path> serverCa, Optional<Path> clientKey, Optional<Path> clientCertificate) {

        /** The settings, or none when nothing is configured (plaintext, or TLS with the JDK's trust store). */
        public static Optional<ClientTls> of(Optional<Path> serverCa, Optional<Path> clientKey, Optional<Path> clientCertificate) {
            return serverCa.isPresent() || clientKey.isPresent()
                    ? Optional.of(new ClientTls(serverCa, clientKey, clientCertificate))
                    : Optional.empty();
        }
    }

    /**
     * A channel to {@code host:port} or {@code http://host:port} (plaintext), or {@code https://host:port}
     * (TLS, with {@code tls} when given).
     */
    public static ManagedChannel open(String address, Optional<ClientTls> tls) throws IOException {
        String target = address.trim();
        boolean secure = false;
        if (target.startsWith("http://") || target.startsWith("https://")) {
            URI uri = URI.create(target);
            secure = "https".equals(uri.getScheme());
            if (uri.getHost() == null || uri.getPort() < 0) {
                throw new IOException("gRPC address " + address + " needs a host and a port");
            }
            target = uri.getHost() + ":" + uri.getPort();
        }
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target).maxInboundMessageSize(GrpcListener.MAX_MESSAGE_BYTES);
        if (secure || tls.isPresent()) {
            SslContextBuilder ssl = GrpcSslContexts.forClient();
            if (tls.isPresent()) {
                ClientTls settings = tls.get();
                if (settings.serverCa().isPresent()) {
                    ssl.trustManager(settings.serverCa().get().toFile());
                }
                if (settings.clientKey().isPresent() && settings.clientCertificate().isPresent()) {
                    ssl.keyManager(settings.clientCertificate().get().toFile(), settings.clientKey().get().toFile());
                }
            }
            builder.sslContext(ssl.build()).useTransportSecurity();
        } else {
            builder.usePlaintext();
        }
        return builder.build();
    }

    /** A failed call for a message: the status code and the server's description, e.g. {@code ABORTED: no such policy}. */
    public static String describeFailure(StatusRuntimeException failure) {
        String description = failure.getStatus().getDescription();
        return failure.getStatus().getCode() + (description == null ? "" : ": " + description);
    }
}
