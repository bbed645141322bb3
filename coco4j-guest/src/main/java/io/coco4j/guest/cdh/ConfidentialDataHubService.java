package io.coco4j.guest.cdh;

import com.google.protobuf.ByteString;
import io.coco4j.guest.cdh.api.GetResourceRequest;
import io.coco4j.guest.cdh.api.GetResourceResponse;
import io.coco4j.guest.cdh.api.ImagePullRequest;
import io.coco4j.guest.cdh.api.ImagePullResponse;
import io.coco4j.guest.cdh.api.SecureMountRequest;
import io.coco4j.guest.cdh.api.SecureMountResponse;
import io.coco4j.guest.cdh.api.UnsealSecretInput;
import io.coco4j.guest.cdh.api.UnsealSecretOutput;
import io.coco4j.guest.cdh.keyprovider.api.KeyProviderKeyWrapProtocolInput;
import io.coco4j.guest.cdh.keyprovider.api.KeyProviderKeyWrapProtocolOutput;
import io.coco4j.guest.rpc.RpcMethod;
import io.coco4j.guest.rpc.RpcService;
import io.coco4j.guest.rpc.RpcStatusException;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The CDH's services ({@code api.SealedSecretService}, {@code api.GetResourceService},
 * {@code api.SecureMountService}, {@code api.ImagePullService}, {@code keyprovider.KeyProviderService}):
 * method descriptions and the binding of a {@link ConfidentialDataHub}. Failures come back with
 * messages prefixed {@code [CDH] [ERROR]: } as in the reference; what is not supported yet answers
 * {@code UNIMPLEMENTED}.
 */
public final class ConfidentialDataHubService {

    public static final String SEALED_SECRET = "api.SealedSecretService";
    public static final String GET_RESOURCE_SERVICE = "api.GetResourceService";
    public static final String SECURE_MOUNT = "api.SecureMountService";
    public static final String IMAGE_PULL = "api.ImagePullService";
    public static final String KEY_PROVIDER = "keyprovider.KeyProviderService";
    public static final String ERROR_PREFIX = "[CDH] [ERROR]: ";

    public static final RpcMethod<UnsealSecretInput, UnsealSecretOutput> UNSEAL_SECRET =
            RpcMethod.unary(SEALED_SECRET, "UnsealSecret", UnsealSecretInput.getDefaultInstance(), UnsealSecretOutput.getDefaultInstance());
    public static final RpcMethod<GetResourceRequest, GetResourceResponse> GET_RESOURCE =
            RpcMethod.unary(GET_RESOURCE_SERVICE, "GetResource", GetResourceRequest.getDefaultInstance(), GetResourceResponse.getDefaultInstance());
    public static final RpcMethod<SecureMountRequest, SecureMountResponse> SECURE_MOUNT_METHOD =
            RpcMethod.unary(SECURE_MOUNT, "SecureMount", SecureMountRequest.getDefaultInstance(), SecureMountResponse.getDefaultInstance());
    public static final RpcMethod<ImagePullRequest, ImagePullResponse> PULL_IMAGE =
            RpcMethod.unary(IMAGE_PULL, "PullImage", ImagePullRequest.getDefaultInstance(), ImagePullResponse.getDefaultInstance());
    public static final RpcMethod<KeyProviderKeyWrapProtocolInput, KeyProviderKeyWrapProtocolOutput> WRAP_KEY =
            RpcMethod.unary(KEY_PROVIDER, "WrapKey", KeyProviderKeyWrapProtocolInput.getDefaultInstance(),
                    KeyProviderKeyWrapProtocolOutput.getDefaultInstance());
    public static final RpcMethod<KeyProviderKeyWrapProtocolInput, KeyProviderKeyWrapProtocolOutput> UNWRAP_KEY =
            RpcMethod.unary(KEY_PROVIDER, "UnWrapKey", KeyProviderKeyWrapProtocolInput.getDefaultInstance(),
                    KeyProviderKeyWrapProtocolOutput.getDefaultInstance());

    private static final Logger LOG = LoggerFactory.getLogger(ConfidentialDataHubService.class);

    private ConfidentialDataHubService() {
    }

    /** Every CDH service bound to {@code hub}. */
    public static List<RpcService> bind(ConfidentialDataHub hub) {
        return List.of(
                RpcService.builder(SEALED_SECRET).bind(UNSEAL_SECRET, request -> UnsealSecretOutput.newBuilder()
                        .setPlaintext(ByteString.copyFrom(run("UnsealSecret", () -> hub.unsealSecret(request.getSecret().toByteArray()))))
                        .build()).build(),
                RpcService.builder(GET_RESOURCE_SERVICE).bind(GET_RESOURCE, request -> GetResourceResponse.newBuilder()
                        .setResource(ByteString.copyFrom(run("GetResource", () -> hub.getResource(request.getResourcePath()))))
                        .build()).build(),
                RpcService.builder(SECURE_MOUNT).bind(SECURE_MOUNT_METHOD, request -> SecureMountResponse.newBuilder()
                        .setMountPath(run("SecureMount", () -> hub.secureMount(request.getVolumeType())))
                        .build()).build(),
                RpcService.builder(IMAGE_PULL).bind(PULL_IMAGE, request -> ImagePullResponse.newBuilder()
                        .setManifestDigest(run("PullImage", () -> hub.pullImage(request.getImageUrl(), request.getBundlePath())))
                        .build()).build(),
                RpcService.builder(KEY_PROVIDER)
                        .bind(UNWRAP_KEY, request -> KeyProviderKeyWrapProtocolOutput.newBuilder()
                                .setKeyProviderKeyWrapProtocolOutput(ByteString.copyFrom(run("UnWrapKey",
                                        () -> hub.unwrapKey(request.getKeyProviderKeyWrapProtocolInput().toByteArray()))))
                                .build())
                        .bind(WRAP_KEY, request -> {
                            // the encrypting side is the tenant's key provider, never the guest
                            throw new RpcStatusException(Status.Code.UNIMPLEMENTED, ERROR_PREFIX + "WrapKey is not implemented by the CDH");
                        })
                        .build());
    }

    private interface Call<T> {
        T run() throws CdhException;
    }

    private static <T> T run(String method, Call<T> call) throws RpcStatusException {
        try {
            return call.run();
        } catch (CdhException e) {
            LOG.warn("{} failed: {}", method, e.getMessage());
            Status.Code code = switch (e.kind()) {
                case BAD_REQUEST -> Status.Code.INVALID_ARGUMENT;
                case NOT_FOUND -> Status.Code.NOT_FOUND;
                case NOT_SUPPORTED -> Status.Code.UNIMPLEMENTED;
                case FAILED -> Status.Code.INTERNAL;
            };
            throw new RpcStatusException(code, ERROR_PREFIX + e.getMessage());
        }
    }
}
