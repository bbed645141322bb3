package io.coco4j.kbs.plugin.external;

import io.coco4j.grpc.ProtobufMethods;
import io.coco4j.kbs.plugin.external.proto.NeedsEncryptionResponse;
import io.coco4j.kbs.plugin.external.proto.PluginRequest;
import io.coco4j.kbs.plugin.external.proto.PluginResponse;
import io.coco4j.kbs.plugin.external.proto.ValidateAuthResponse;
import io.grpc.MethodDescriptor;

/** The methods of {@code kbs.plugin.v1.KbsPlugin}, bound by hand (only the messages are generated). */
public final class KbsPluginMethods {

    public static final String SERVICE = "kbs.plugin.v1.KbsPlugin";

    public static final MethodDescriptor<PluginRequest, PluginResponse> HANDLE = ProtobufMethods.unary(SERVICE, "Handle",
            PluginRequest.getDefaultInstance(), PluginResponse.getDefaultInstance());
    public static final MethodDescriptor<PluginRequest, ValidateAuthResponse> VALIDATE_AUTH = ProtobufMethods.unary(SERVICE,
            "ValidateAuth", PluginRequest.getDefaultInstance(), ValidateAuthResponse.getDefaultInstance());
    public static final MethodDescriptor<PluginRequest, NeedsEncryptionResponse> NEEDS_ENCRYPTION = ProtobufMethods.unary(SERVICE,
            "NeedsEncryption", PluginRequest.getDefaultInstance(), NeedsEncryptionResponse.getDefaultInstance());

    private KbsPluginMethods() {
    }
}
