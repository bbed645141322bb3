package io.coco4j.guest.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service with its handlers bound, servable over ttRPC ({@link #dispatch}) and gRPC
 * ({@link #grpcDefinition()}). Unexpected runtime failures of a handler become {@code INTERNAL}
 * with a generic message (the details go to the log), so no exception text reaches a caller unless a
 * handler chose it.
 */
public final class RpcService {

    private static final Logger LOG = LoggerFactory.getLogger(RpcService.class);

    private final String name;
    private final Map<String, Bound<?, ?>> methods;

    private RpcService(String name, Map<String, Bound<?, ?>> methods) {
        this.name = name;
        this.methods = Collections.unmodifiableMap(new LinkedHashMap<>(methods));
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public boolean hasMethod(String method) {
        return methods.containsKey(method);
    }

    /** Runs one call from its serialised request; used by the ttRPC server. */
    public byte[] dispatch(String method, byte[] payload) throws RpcStatusException {
        Bound<?, ?> bound = methods.get(method);
        if (bound == null) {
            throw RpcStatusException.unimplemented("method " + method);
        }
        return bound.dispatch(payload);
    }

    public ServerServiceDefinition grpcDefinition() {
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(name);
        for (Bound<?, ?> bound : methods.values()) {
            bound.addTo(builder);
        }
        return builder.build();
    }

    private record Bound<Q extends Message, R extends Message>(RpcMethod<Q, R> method, RpcHandler<Q, R> handler) {

        byte[] dispatch(byte[] payload) throws RpcStatusException {
            Q request;
            try {
                request = method.requestParser().parseFrom(payload);
            } catch (InvalidProtocolBufferException e) {
                throw new RpcStatusException(Status.Code.INVALID_ARGUMENT, "malformed " + method.method() + " request: " + e.getMessage());
            }
            return call(request).toByteArray();
        }

        R call(Q request) throws RpcStatusException {
            try {
                R response = handler.handle(request);
                if (response == null) {
                    throw new IllegalStateException("handler returned no response");
                }
                return response;
            } catch (RuntimeException e) {
                LOG.error("{} failed unexpectedly", method, e);
                throw RpcStatusException.internal(method.method() + " failed unexpectedly");
            }
        }

        void addTo(ServerServiceDefinition.Builder builder) {
            builder.addMethod(method.grpcDescriptor(), ServerCalls.asyncUnaryCall((request, observer) -> {
                try {
                    observer.onNext(call(request));
                    observer.onCompleted();
                } catch (RpcStatusException e) {
                    observer.onError(Status.fromCode(e.code()).withDescription(e.getMessage()).asRuntimeException());
                }
            }));
        }
    }

    public static final class Builder {

        private final String name;
        private final Map<String, Bound<?, ?>> methods = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public <Q extends Message, R extends Message> Builder bind(RpcMethod<Q, R> method, RpcHandler<Q, R> handler) {
            if (!method.service().equals(name)) {
                throw new IllegalArgumentException(method + " does not belong to " + name);
            }
            if (methods.putIfAbsent(method.method(), new Bound<>(method, Objects.requireNonNull(handler, "handler"))) != null) {
                throw new IllegalArgumentException(method + " is bound twice");
            }
            return this;
        }

        public RpcService build() {
            return new RpcService(name, methods);
        }
    }

    /** Looks a service up by name among several. */
    public static Optional<RpcService> find(Iterable<RpcService> services, String name) {
        for (RpcService service : services) {
            if (service.name.equals(name)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }
}
