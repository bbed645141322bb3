package io.coco4j.as.grpc;

import io.coco4j.as.AttestationException;
import io.coco4j.as.AttestationService;
import io.coco4j.as.InitDataInput;
import io.coco4j.as.RuntimeDataInput;
import io.coco4j.as.VerificationRequest;
import io.coco4j.as.api.RequestFields;
import io.coco4j.as.grpc.proto.AttestationRequest;
import io.coco4j.as.grpc.proto.AttestationResponse;
import io.coco4j.as.grpc.proto.ChallengeRequest;
import io.coco4j.as.grpc.proto.ChallengeResponse;
import io.coco4j.as.grpc.proto.IndividualAttestationRequest;
import io.coco4j.as.grpc.proto.SetPolicyRequest;
import io.coco4j.as.grpc.proto.SetPolicyResponse;
import io.coco4j.as.policy.PolicyException;
import io.coco4j.grpc.CallerIdentity;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Serves an {@link AttestationService} as the reference's gRPC {@code attestation.AttestationService}.
 * Any caller that reaches the listener may have evidence evaluated (the KBS does); a policy is
 * accepted only from the loopback interface or from a client that proved a certificate of the
 * listener's client CA (mutual TLS). Refusals are {@code ABORTED} with the reason, as the reference
 * answers; an unauthorised policy upload is {@code PERMISSION_DENIED}.
 */
public final class AttestationGrpcService {

    private static final Logger LOG = LoggerFactory.getLogger(AttestationGrpcService.class);

    private final AttestationService service;

    public AttestationGrpcService(AttestationService service) {
        this.service = service;
    }

    /** The service for a {@link io.coco4j.grpc.GrpcListener}. */
    public ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(AttestationServiceMethods.SERVICE)
                .addMethod(AttestationServiceMethods.EVALUATE, ServerCalls.asyncUnaryCall(this::evaluate))
                .addMethod(AttestationServiceMethods.SET_POLICY, ServerCalls.asyncUnaryCall(this::setPolicy))
                .addMethod(AttestationServiceMethods.CHALLENGE, ServerCalls.asyncUnaryCall(this::challenge))
                .build();
    }

    /** The service's view of a gRPC evaluation request. */
    public static List<VerificationRequest> verificationRequests(AttestationRequest request) throws AttestationException {
        List<VerificationRequest> requests = new ArrayList<>();
        for (IndividualAttestationRequest individual : request.getVerificationRequestsList()) {
            RuntimeDataInput runtimeData = switch (individual.getRuntimeDataCase()) {
                case RAW_RUNTIME_DATA -> RequestFields.rawRuntimeData(individual.getRawRuntimeData());
                case STRUCTURED_RUNTIME_DATA -> RequestFields.structuredRuntimeData(individual.getStructuredRuntimeData());
                case RUNTIMEDATA_NOT_SET -> RuntimeDataInput.NONE;
            };
            InitDataInput initData = switch (individual.getInitDataCase()) {
                case INIT_DATA_DIGEST -> RequestFields.initDataDigest(individual.getInitDataDigest());
                case INIT_DATA_TOML -> InitDataInput.toml(individual.getInitDataToml());
                case INITDATA_NOT_SET -> InitDataInput.NONE;
            };
            requests.add(new VerificationRequest(RequestFields.tee(individual.getTee()), RequestFields.evidence(individual.getEvidence()),
                    runtimeData, initData, RequestFields.hashAlgorithm(individual.getRuntimeDataHashAlgorithm())));
        }
        return requests;
    }

    private void evaluate(AttestationRequest request, StreamObserver<AttestationResponse> response) {
        try {
            String token = service.evaluate(verificationRequests(request), RequestFields.policyIds(request.getPolicyIdsList()));
            response.onNext(AttestationResponse.newBuilder().setAttestationToken(token).build());
            response.onCompleted();
        } catch (AttestationException e) {
            LOG.info("attestation refused from {}: {}", CallerIdentity.current().describe(), e.reason());
            response.onError(aborted(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("attestation failed", e);
            response.onError(Status.INTERNAL.withDescription("internal error; see the attestation service log").asRuntimeException());
        }
    }

    private void setPolicy(SetPolicyRequest request, StreamObserver<SetPolicyResponse> response) {
        CallerIdentity caller = CallerIdentity.current();
        if (!caller.isLoopbackOrMutuallyAuthenticated()) {
            LOG.warn("refused an attestation policy upload from {}: not loopback, no client certificate", caller.describe());
            response.onError(Status.PERMISSION_DENIED.withDescription(
                    "policies are accepted only on loopback or over mutual TLS with a client certificate").asRuntimeException());
            return;
        }
        try {
            service.setPolicy(request.getPolicyId(), RequestFields.policyText(request.getPolicy()));
            LOG.info("attestation policy '{}' set by {}", request.getPolicyId(), caller.describe());
            response.onNext(SetPolicyResponse.getDefaultInstance());
            response.onCompleted();
        } catch (AttestationException | PolicyException e) {
            response.onError(aborted(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("setting an attestation policy failed", e);
            response.onError(Status.INTERNAL.withDescription("internal error; see the attestation service log").asRuntimeException());
        }
    }

    private void challenge(ChallengeRequest request, StreamObserver<ChallengeResponse> response) {
        try {
            String challenge = service.supplementalChallenge(RequestFields.tee(request.getInnerOrDefault("tee", "")));
            response.onNext(ChallengeResponse.newBuilder().setAttestationChallenge(challenge).build());
            response.onCompleted();
        } catch (AttestationException e) {
            response.onError(aborted(e.getMessage()));
        }
    }

    private static RuntimeException aborted(String message) {
        return Status.ABORTED.withDescription(message).asRuntimeException();
    }
}
