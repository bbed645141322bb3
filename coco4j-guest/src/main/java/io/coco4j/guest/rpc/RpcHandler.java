package io.coco4j.guest.rpc;

import com.google.protobuf.Message;

/** The server side of one unary RPC. */
@FunctionalInterface
public interface RpcHandler<Q extends Message, R extends Message> {

    /** Answers a request, or fails with the status the caller receives. */
    R handle(Q request) throws RpcStatusException;
}
