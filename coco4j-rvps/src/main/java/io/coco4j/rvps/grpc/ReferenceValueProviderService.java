package io.coco4j.rvps.grpc;

import io.coco4j.grpc.CallerIdentity;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.ReferenceValueProvider;
import io.coco4j.rvps.RvpsException;
import io.coco4j.rvps.grpc.proto.ReferenceValueQueryRequest;
import io.coco4j.rvps.grpc.proto.ReferenceValueQueryResponse;
import io.coco4j.rvps.grpc.proto.ReferenceValueRegisterRequest;
import io.coco4j.rvps.grpc.proto.ReferenceValueRegisterResponse;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an RVPS as the reference's gRPC {@code reference.ReferenceValueProviderService}. Anyone who
 * can reach the listener may query; registration is accepted only from the loopback interface or
 * from a client that proved a certificate of the listener's client CA (mutual TLS). Refusals are
 * {@code ABORTED} with the reason, as the reference answers; an unauthorised registration is
 * {@code PERMISSION_DENIED}.
 */
public final class ReferenceValueProviderService {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceValueProviderService.class);

    private final ReferenceValueProvider rvps;

    public ReferenceValueProviderService(ReferenceValueProvider rvps) {
        this.rvps = rvps;
    }

    /** The service for a {@link io.coco4j.grpc.GrpcListener}. */
    public ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(ReferenceValueProviderMethods.SERVICE)
                .addMethod(ReferenceValueProviderMethods.QUERY, ServerCalls.asyncUnaryCall(this::query))
                .addMethod(ReferenceValueProviderMethods.REGISTER, ServerCalls.asyncUnaryCall(this::register))
                .build();
    }

    /** Who may register: a caller on this machine, or one authenticated by mutual TLS. */
    public static boolean mayRegister(CallerIdentity caller) {
        return caller.isLoopbackOrMutuallyAuthenticated();
    }

    private void query(ReferenceValueQueryRequest request, StreamObserver<ReferenceValueQueryResponse> response) {
        try {
            ReferenceValueQueryResponse.Builder answer = ReferenceValueQueryResponse.newBuilder();
            rvps.query(request.getReferenceValueId()).ifPresent(value -> answer.setReferenceValueResults(Json.write(value)));
            response.onNext(answer.build());
            response.onCompleted();
        } catch (RvpsException e) {
            response.onError(Status.ABORTED.withDescription(e.getMessage()).asRuntimeException());
        } catch (RuntimeException e) {
            LOG.error("reference value query failed", e);
            response.onError(Status.INTERNAL.withDescription("internal error; see the RVPS log").asRuntimeException());
        }
    }

    private void register(ReferenceValueRegisterRequest request, StreamObserver<ReferenceValueRegisterResponse> response) {
        CallerIdentity caller = CallerIdentity.current();
        if (!mayRegister(caller)) {
            LOG.warn("refused a reference value registration from {}: not loopback, no client certificate", caller.describe());
            response.onError(Status.PERMISSION_DENIED.withDescription(
                    "registration is accepted only on loopback or over mutual TLS with a client certificate").asRuntimeException());
            return;
        }
        try {
            rvps.register(request.getMessage());
            response.onNext(ReferenceValueRegisterResponse.getDefaultInstance());
            response.onCompleted();
        } catch (RvpsException e) {
            response.onError(Status.ABORTED.withDescription(e.getMessage()).asRuntimeException());
        } catch (RuntimeException e) {
            LOG.error("reference value registration failed", e);
            response.onError(Status.INTERNAL.withDescription("internal error; see the RVPS log").asRuntimeException());
        }
    }
}
