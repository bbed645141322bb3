package io.coco4j.guest.rpc;

import io.grpc.Status;

import java.util.Objects;

/**
 * A failed RPC: the status code (gRPC numbering, which ttRPC shares) and the message the caller
 * reads. The message must never carry secret material.
 */
public final class RpcStatusException extends Exception {

    private final Status.Code code;

    public RpcStatusException(Status.Code code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public RpcStatusException(Status.Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public static RpcStatusException internal(String message) {
        return new RpcStatusException(Status.Code.INTERNAL, message);
    }

    public static RpcStatusException unimplemented(String message) {
        return new RpcStatusException(Status.Code.UNIMPLEMENTED, message);
    }

    public Status.Code code() {
        return code;
    }
}
