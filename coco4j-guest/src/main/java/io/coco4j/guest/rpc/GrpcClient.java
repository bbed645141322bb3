package io.coco4j.guest.rpc;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** {@link RpcClient} over gRPC (plain text, as the guest APIs listen on loopback). */
final class GrpcClient implements RpcClient {

    private final ManagedChannel channel;

    private GrpcClient(ManagedChannel channel) {
        this.channel = channel;
    }

    static GrpcClient connect(String address) {
        GrpcAddress parsed = GrpcAddress.parse(address);
        return new GrpcClient(NettyChannelBuilder.forAddress(parsed.host(), parsed.port()).usePlaintext().build());
    }

    @Override
    public <Q extends Message, R extends Message> R call(RpcMethod<Q, R> method, Q request, Duration timeout) throws RpcStatusException {
        try {
            return ClientCalls.blockingUnaryCall(channel, method.grpcDescriptor(),
                    CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS), request);
        } catch (StatusRuntimeException e) {
            String description = e.getStatus().getDescription();
            throw new RpcStatusException(e.getStatus().getCode(), description == null ? e.getStatus().getCode().name() : description, e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
