package io.coco4j.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC server socket for coco4j's services: plaintext, TLS, or TLS that also accepts client
 * certificates from a given CA (mutual TLS; clients without one may still connect, and services
 * decide per call through {@link CallerIdentity} what an anonymous caller may do).
 */
public final class GrpcListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GrpcListener.class);
    /** Messages up to this size; RVPS registrations carry whole supply-chain bundles. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final Server server;
    private final String description;

    private GrpcListener(Server server, String description) {
        this.server = server;
        this.description = description;
    }

    public static Builder builder(InetSocketAddress address) {
        return new Builder(address);
    }

    public int port() {
        return server.getPort();
    }

    /** For logs: the address and the transport security. */
    public String describe() {
        return description + " on port " + port();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** What to serve, where, and how securely. */
    public static final class Builder {
        private final InetSocketAddress address;
        private final List<ServerServiceDefinition> services = new ArrayList<>();
        private Optional<Path> key = Optional.empty();
        private Optional<Path> certificateChain = Optional.empty();
        private Optional<Path> clientCa = Optional.empty();
        private final Map<String, Supplier<byte[]>> httpGets = new LinkedHashMap<>();

        private Builder(InetSocketAddress address) {
            this.address = address;
        }

        public Builder service(ServerServiceDefinition service) {
            services.add(service);
            return this;
        }

        /** Serve TLS with this PEM key (PKCS#8) and certificate chain. */
        public Builder tls(Path privateKey, Path certificateChainFile) {
            this.key = Optional.of(privateKey);
            this.certificateChain = Optional.of(certificateChainFile);
            return this;
        }

        /** Also verify client certificates issued by these PEM CA certificates (requires {@link #tls}). */
        public Builder clientCa(Path caCertificates) {
            this.clientCa = Optional.of(caCertificates);
            return this;
        }

        /**
         * Also answer plain HTTP/1.1 {@code GET path} on the same port with this JSON (plaintext
         * listeners only), as the reference AS serves its JWKS next to gRPC.
         */
        public Builder httpGet(String path, Supplier<byte[]> json) {
            httpGets.put(path, json);
            return this;
        }

        public GrpcListener start() throws IOException {
            if (!httpGets.isEmpty() && key.isPresent()) {
                throw new IllegalStateException("plain HTTP next to gRPC is served on plaintext listeners only");
            }
            NettyServerBuilder builder = httpGets.isEmpty()
                    ? NettyServerBuilder.forAddress(address)
                    : NettyServerBuilder.forAddress(address, InternalNettyServerCredentials.create(new PlainHttpOnGrpcPort(httpGets)));
            builder.maxInboundMessageSize(MAX_MESSAGE_BYTES);
            String security = httpGets.isEmpty() ? "plaintext" : "plaintext, with HTTP GET " + String.join(", ", httpGets.keySet());
            if (key.isPresent()) {
                SslContextBuilder ssl = GrpcSslContexts.forServer(certificateChain.get().toFile(), key.get().toFile());
                if (clientCa.isPresent()) {
                    ssl.trustManager(clientCa.get().toFile()).clientAuth(ClientAuth.OPTIONAL);
                    security = "mutual TLS";
                } else {
                    security = "TLS";
                }
                builder.sslContext(GrpcSslContexts.configure(ssl).build());
            } else if (clientCa.isPresent()) {
                throw new IllegalStateException("a client CA needs a TLS key and certificate");
            }
            CallerIdentityInterceptor identity = new CallerIdentityInterceptor();
            for (ServerServiceDefinition service : services) {
                builder.addService(ServerInterceptors.intercept(service, identity));
            }
            Server server = builder.build().start();
            GrpcListener listener = new GrpcListener(server, "gRPC (" + security + ") at " + address.getAddress().getHostAddress());
            LOG.info("{} serving {}", listener.describe(), services.stream().map(s -> s.getServiceDescriptor().getName()).toList());
            return listener;
        }
    }
}
