package io.coco4j.as.grpc;

import io.coco4j.as.grpc.proto.AttestationRequest;
import io.coco4j.as.grpc.proto.AttestationResponse;
import io.coco4j.as.grpc.proto.ChallengeRequest;
import io.coco4j.as.grpc.proto.ChallengeResponse;
import io.coco4j.as.grpc.proto.SetPolicyRequest;
import io.coco4j.as.grpc.proto.SetPolicyResponse;
import io.coco4j.grpc.ProtobufMethods;
import io.grpc.MethodDescriptor;

/** The methods of the reference's {@code attestation.AttestationService}. */
public final class AttestationServiceMethods {

    public static final String SERVICE = "attestation.AttestationService";

    public static final MethodDescriptor<AttestationRequest, AttestationResponse> EVALUATE = ProtobufMethods.unary(
            SERVICE, "AttestationEvaluate", AttestationRequest.getDefaultInstance(), AttestationResponse.getDefaultInstance());

    public static final MethodDescriptor<SetPolicyRequest, SetPolicyResponse> SET_POLICY = ProtobufMethods.unary(
            SERVICE, "SetAttestationPolicy", SetPolicyRequest.getDefaultInstance(), SetPolicyResponse.getDefaultInstance());

    public static final MethodDescriptor<ChallengeRequest, ChallengeResponse> CHALLENGE = ProtobufMethods.unary(
            SERVICE, "GetAttestationChallenge", ChallengeRequest.getDefaultInstance(), ChallengeResponse.getDefaultInstance());

    private AttestationServiceMethods() {
    }
}
