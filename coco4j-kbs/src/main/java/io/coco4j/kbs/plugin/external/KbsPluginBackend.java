package io.coco4j.kbs.plugin.external;

import io.coco4j.kbs.plugin.external.proto.NeedsEncryptionResponse;
import io.coco4j.kbs.plugin.external.proto.PluginRequest;
import io.coco4j.kbs.plugin.external.proto.PluginResponse;
import io.coco4j.kbs.plugin.external.proto.ValidateAuthResponse;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;

/**
 * The server side of {@code kbs.plugin.v1.KbsPlugin}, for external plugin back-ends written in Java:
 * implement the three decisions and serve {@link #definition()} on a {@code GrpcListener}.
 */
public interface KbsPluginBackend {

    /** Answers a request forwarded by the KBS ({@code path} no longer holds the back-end's name). */
    PluginResponse handle(PluginRequest request) throws Exception;

    /** Whether the KBS must authenticate an administrator (else: attestation token and resource policy). */
    boolean requiresAdminAuth(PluginRequest request) throws Exception;

    /** Whether the KBS must encrypt the answer to the guest's TEE key. */
    boolean needsEncryption(PluginRequest request) throws Exception;

    default ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(KbsPluginMethods.SERVICE)
                .addMethod(KbsPluginMethods.HANDLE, ServerCalls.asyncUnaryCall((PluginRequest r, StreamObserver<PluginResponse> o) ->
                        answer(o, () -> handle(r))))
                .addMethod(KbsPluginMethods.VALIDATE_AUTH, ServerCalls.asyncUnaryCall((PluginRequest r, StreamObserver<ValidateAuthResponse> o) ->
                        answer(o, () -> ValidateAuthResponse.newBuilder().setRequiresAdminAuth(requiresAdminAuth(r)).build())))
                .addMethod(KbsPluginMethods.NEEDS_ENCRYPTION, ServerCalls.asyncUnaryCall((PluginRequest r, StreamObserver<NeedsEncryptionResponse> o) ->
                        answer(o, () -> NeedsEncryptionResponse.newBuilder().setEncrypt(needsEncryption(r)).build())))
                .build();
    }

    private static <T> void answer(StreamObserver<T> observer, java.util.concurrent.Callable<T> call) {
        T value;
        try {
            value = call.call();
        } catch (Exception e) {
            observer.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        observer.onNext(value);
        observer.onCompleted();
    }
}
