package io.coco4j.grpc;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;

/**
 * Method descriptors for protobuf services, written by hand where {@code protoc-gen-grpc-java}
 * would generate them: only the message classes come from {@code protoc}.
 */
public final class ProtobufMethods {

    private ProtobufMethods() {
    }

    /**
     * A unary method {@code <service>/<method>}, e.g. {@code reference.ReferenceValueProviderService/QueryReferenceValue}.
     *
     * @param service the fully qualified service name ({@code package.Service})
     */
    public static <Q extends Message, R extends Message> MethodDescriptor<Q, R> unary(String service, String method,
                                                                                   Q requestPrototype, R responsePrototype) {
        return MethodDescriptor.<Q, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
                .setRequestMarshaller(ProtoUtils.marshaller(requestPrototype))
                .setResponseMarshaller(ProtoUtils.marshaller(responsePrototype))
                .setSampledToLocalTracing(true)
                .build();
    }
}
