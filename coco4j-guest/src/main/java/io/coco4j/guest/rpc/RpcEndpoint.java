package io.coco4j.guest.rpc;

import io.coco4j.guest.ttrpc.TtrpcAddress;
import io.coco4j.guest.ttrpc.TtrpcServer;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A listening server for guest APIs: ttRPC on a Unix socket for {@code unix://} addresses (what the
 * kata-agent and workloads use), gRPC for {@code host:port}.
 */
public final class RpcEndpoint implements AutoCloseable {

    /** Largest gRPC message accepted, the same bound as ttRPC's frames. */
    public static final int MAX_GRPC_MESSAGE = 4 << 20;

    private final String address;
    private final TtrpcServer ttrpc;
    private final Server grpc;

    private RpcEndpoint(String address, TtrpcServer ttrpc, Server grpc) {
        this.address = address;
        this.ttrpc = ttrpc;
        this.grpc = grpc;
    }

    public static RpcEndpoint start(String address, List<RpcService> services) throws IOException {
        if (TtrpcAddress.isUnix(address)) {
            TtrpcServer server = TtrpcServer.start(TtrpcAddress.socketPath(address), services);
            return new RpcEndpoint(TtrpcAddress.UNIX_SCHEME + server.socketPath(), server, null);
        }
        GrpcAddress parsed = GrpcAddress.parse(address);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(parsed.host(), parsed.port()))
                .maxInboundMessageSize(MAX_GRPC_MESSAGE);
        for (RpcService service : services) {
            builder.addService(service.grpcDefinition());
        }
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException e) {
            throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().get(0);
        return new RpcEndpoint(new GrpcAddress(parsed.host(), bound.getPort()).toString(), null, server);
    }

    /** The address clients use: {@code unix:///path}, or {@code host:port} with the port actually bound. */
    public String address() {
        return address;
    }

    public boolean isTtrpc() {
        return ttrpc != null;
    }

    @Override
    public void close() {
        if (ttrpc != null) {
            ttrpc.close();
        }
        if (grpc != null) {
            grpc.shutdownNow();
            try {
                grpc.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
