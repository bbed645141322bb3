package io.coco4j.guest.rpc;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

import java.util.Objects;

/**
 * One unary RPC of a guest API: its service and method names and its message types. The same
 * description drives both transports: ttRPC (service and method travel in the request envelope) and
 * gRPC (path {@code /<service>/<method>}).
 */
public final class RpcMethod<Q extends Message, R extends Message> {

    private final String service;
    private final String method;
    private final Q requestPrototype;
    private final R responsePrototype;
    private final MethodDescriptor<Q, R> grpcDescriptor;

    private RpcMethod(String service, String method, Q requestPrototype, R responsePrototype) {
        this.service = Objects.requireNonNull(service, "service");
        this.method = Objects.requireNonNull(method, "method");
        this.requestPrototype = requestPrototype;
        this.responsePrototype = responsePrototype;
        this.grpcDescriptor = MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
                .setRequestMarshaller(ProtoUtils.marshaller(requestPrototype))
                .setResponseMarshaller(ProtoUtils.marshaller(responsePrototype))
                .build();
    }

    /** A method whose messages are given by their default instances. */
    public static <Q extends Message, R extends Message> RpcMethod<Q, R> unary(String service, String method, Q request, R response) {
        return new RpcMethod<>(service, method, request, response);
    }

    /** The fully qualified service name, e.g. {@code attestation_agent.AttestationAgentService}. */
    public String service() {
        return service;
    }

    public String method() {
        return method;
    }

    @SuppressWarnings("unchecked")
    public Parser<Q> requestParser() {
        return (Parser<Q>) requestPrototype.getParserForType();
    }

    @SuppressWarnings("unchecked")
    public Parser<R> responseParser() {
        return (Parser<R>) responsePrototype.getParserForType();
    }

    public MethodDescriptor<Q, R> grpcDescriptor() {
        return grpcDescriptor;
    }

    @Override
    public String toString() {
        return service + "/" + method;
    }
}
