package io.coco4j.guest.aa;

import com.google.protobuf.ByteString;
import io.coco4j.guest.aa.api.BindInitDataRequest;
import io.coco4j.guest.aa.api.BindInitDataResponse;
import io.coco4j.guest.aa.api.ExtendRuntimeMeasurementRequest;
import io.coco4j.guest.aa.api.ExtendRuntimeMeasurementResponse;
import io.coco4j.guest.aa.api.GetAdditionalEvidenceRequest;
import io.coco4j.guest.aa.api.GetAdditionalTeesRequest;
import io.coco4j.guest.aa.api.GetAdditionalTeesResponse;
import io.coco4j.guest.aa.api.GetEvidenceRequest;
import io.coco4j.guest.aa.api.GetEvidenceResponse;
import io.coco4j.guest.aa.api.GetTeeTypeRequest;
import io.coco4j.guest.aa.api.GetTeeTypeResponse;
import io.coco4j.guest.aa.api.GetTokenRequest;
import io.coco4j.guest.aa.api.GetTokenResponse;
import io.coco4j.guest.aa.api.RuntimeMeasurementResult;
import io.coco4j.guest.rpc.RpcMethod;
import io.coco4j.guest.rpc.RpcService;
import io.coco4j.guest.rpc.RpcStatusException;
import io.coco4j.protocol.tee.Tee;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalLong;

/**
 * {@code attestation_agent.AttestationAgentService}: the method descriptions (shared by servers and
 * clients of both transports) and the binding of an {@link AttestationAgent} to them. Failures come
 * back as {@code INTERNAL} (or {@code INVALID_ARGUMENT} for a bad request) with a message prefixed
 * {@code [ERROR:attestation-agent]}, as the reference's callers expect.
 */
public final class AttestationAgentService {

    public static final String NAME = "attestation_agent.AttestationAgentService";
    public static final String ERROR_PREFIX = "[ERROR:attestation-agent] ";

    public static final RpcMethod<GetEvidenceRequest, GetEvidenceResponse> GET_EVIDENCE =
            RpcMethod.unary(NAME, "GetEvidence", GetEvidenceRequest.getDefaultInstance(), GetEvidenceResponse.getDefaultInstance());
    public static final RpcMethod<GetAdditionalEvidenceRequest, GetEvidenceResponse> GET_ADDITIONAL_EVIDENCE =
            RpcMethod.unary(NAME, "GetAdditionalEvidence", GetAdditionalEvidenceRequest.getDefaultInstance(), GetEvidenceResponse.getDefaultInstance());
    public static final RpcMethod<GetTokenRequest, GetTokenResponse> GET_TOKEN =
            RpcMethod.unary(NAME, "GetToken", GetTokenRequest.getDefaultInstance(), GetTokenResponse.getDefaultInstance());
    public static final RpcMethod<ExtendRuntimeMeasurementRequest, ExtendRuntimeMeasurementResponse> EXTEND_RUNTIME_MEASUREMENT =
            RpcMethod.unary(NAME, "ExtendRuntimeMeasurement", ExtendRuntimeMeasurementRequest.getDefaultInstance(),
                    ExtendRuntimeMeasurementResponse.getDefaultInstance());
    public static final RpcMethod<BindInitDataRequest, BindInitDataResponse> BIND_INIT_DATA =
            RpcMethod.unary(NAME, "BindInitData", BindInitDataRequest.getDefaultInstance(), BindInitDataResponse.getDefaultInstance());
    public static final RpcMethod<GetTeeTypeRequest, GetTeeTypeResponse> GET_TEE_TYPE =
            RpcMethod.unary(NAME, "GetTeeType", GetTeeTypeRequest.getDefaultInstance(), GetTeeTypeResponse.getDefaultInstance());
    public static final RpcMethod<GetAdditionalTeesRequest, GetAdditionalTeesResponse> GET_ADDITIONAL_TEES =
            RpcMethod.unary(NAME, "GetAdditionalTees", GetAdditionalTeesRequest.getDefaultInstance(), GetAdditionalTeesResponse.getDefaultInstance());

    private static final Logger LOG = LoggerFactory.getLogger(AttestationAgentService.class);

    private AttestationAgentService() {
    }

    /** The service bound to {@code agent}. */
    public static RpcService bind(AttestationAgent agent) {
        return RpcService.builder(NAME)
                .bind(GET_EVIDENCE, request -> GetEvidenceResponse.newBuilder()
                        .setEvidence(ByteString.copyFrom(run("GetEvidence", () -> agent.getEvidence(request.getRuntimeData().toByteArray()))))
                        .build())
                .bind(GET_ADDITIONAL_EVIDENCE, request -> GetEvidenceResponse.newBuilder()
                        .setEvidence(ByteString.copyFrom(run("GetAdditionalEvidence",
                                () -> agent.getAdditionalEvidence(request.getRuntimeData().toByteArray()))))
                        .build())
                .bind(GET_TOKEN, request -> GetTokenResponse.newBuilder()
                        .setToken(ByteString.copyFrom(run("GetToken", () -> agent.getToken(request.getTokenType()))))
                        .build())
                .bind(EXTEND_RUNTIME_MEASUREMENT, request -> {
                    OptionalLong index = request.hasRegisterIndex() ? OptionalLong.of(request.getRegisterIndex()) : OptionalLong.empty();
                    AttestationAgent.MeasurementOutcome outcome = run("ExtendRuntimeMeasurement", () -> agent.extendRuntimeMeasurement(
                            request.getDomain(), request.getOperation(), request.getContent(), index));
                    return ExtendRuntimeMeasurementResponse.newBuilder().setResult(switch (outcome) {
                        case OK -> RuntimeMeasurementResult.OK;
                        case NOT_SUPPORTED -> RuntimeMeasurementResult.NOT_SUPPORTED;
                        case NOT_ENABLED -> RuntimeMeasurementResult.NOT_ENABLED;
                    }).build();
                })
                .bind(BIND_INIT_DATA, request -> {
                    run("BindInitData", () -> agent.bindInitData(request.getDigest().toByteArray()));
                    return BindInitDataResponse.getDefaultInstance();
                })
                .bind(GET_TEE_TYPE, request -> GetTeeTypeResponse.newBuilder().setTee(agent.teeType().wireName()).build())
                .bind(GET_ADDITIONAL_TEES, request -> {
                    GetAdditionalTeesResponse.Builder response = GetAdditionalTeesResponse.newBuilder();
                    for (Tee tee : agent.additionalTees()) {
                        response.addAdditionalTees(tee.wireName());
                    }
                    return response.build();
                })
                .build();
    }

    private interface Call<T> {
        T run() throws AttestationAgentException;
    }

    private static <T> T run(String method, Call<T> call) throws RpcStatusException {
        try {
            return call.run();
        } catch (AttestationAgentException e) {
            LOG.warn("{} failed: {}", method, e.getMessage());
            return fail(e);
        }
    }

    private static <T> T fail(AttestationAgentException e) throws RpcStatusException {
        throw new RpcStatusException(e.callerError() ? Status.Code.INVALID_ARGUMENT : Status.Code.INTERNAL, ERROR_PREFIX + e.getMessage());
    }
}
