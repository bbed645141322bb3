package io.coco4j.guest.rpc;

import com.google.protobuf.Message;
import io.coco4j.guest.ttrpc.TtrpcAddress;
import io.coco4j.guest.ttrpc.TtrpcClient;

import java.time.Duration;

/** A client of the guest APIs over either transport: ttRPC for {@code unix://} addresses, gRPC for {@code host:port}. */
public interface RpcClient extends AutoCloseable {

    /** One unary call; failures carry the server's status code and message. */
    <Q extends Message, R extends Message> R call(RpcMethod<Q, R> method, Q request, Duration timeout) throws RpcStatusException;

    @Override
    void close();

    /** A client for {@code address}: {@code unix:///path} (ttRPC) or {@code host:port} (gRPC, plain text). */
    static RpcClient connect(String address) {
        if (TtrpcAddress.isUnix(address)) {
            TtrpcClient client = new TtrpcClient(TtrpcAddress.socketPath(address));
            return new RpcClient() {
                @Override
                public <Q extends Message, R extends Message> R call(RpcMethod<Q, R> method, Q request, Duration timeout) throws RpcStatusException {
                    return client.call(method, request, timeout);
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        }
        return GrpcClient.connect(address);
    }
}
