package io.coco4j.rvps.grpc;

import io.coco4j.grpc.ProtobufMethods;
import io.coco4j.rvps.grpc.proto.ReferenceValueQueryRequest;
import io.coco4j.rvps.grpc.proto.ReferenceValueQueryResponse;
import io.coco4j.rvps.grpc.proto.ReferenceValueRegisterRequest;
import io.coco4j.rvps.grpc.proto.ReferenceValueRegisterResponse;
import io.grpc.MethodDescriptor;

/** The methods of the reference's {@code reference.ReferenceValueProviderService}. */
public final class ReferenceValueProviderMethods {

    public static final String SERVICE = "reference.ReferenceValueProviderService";

    public static final MethodDescriptor<ReferenceValueQueryRequest, ReferenceValueQueryResponse> QUERY = ProtobufMethods.unary(
            SERVICE, "QueryReferenceValue", ReferenceValueQueryRequest.getDefaultInstance(), ReferenceValueQueryResponse.getDefaultInstance());

    public static final MethodDescriptor<ReferenceValueRegisterRequest, ReferenceValueRegisterResponse> REGISTER = ProtobufMethods.unary(
            SERVICE, "RegisterReferenceValue", ReferenceValueRegisterRequest.getDefaultInstance(),
            ReferenceValueRegisterResponse.getDefaultInstance());

    private ReferenceValueProviderMethods() {
    }
}
