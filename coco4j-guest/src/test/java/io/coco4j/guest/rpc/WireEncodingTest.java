package io.coco4j.guest.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
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
import io.coco4j.guest.ttrpc.wire.Request;
import io.coco4j.guest.ttrpc.wire.Response;
import io.coco4j.guest.ttrpc.wire.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One request/response pair per method against protobuf encodings computed by hand from the
 * field numbers and wire types of the guest APIs (tag = field number << 3 | wire type): if a field
 * number or type in the .proto files drifted from the reference's, the bytes would differ.
 */
class WireEncodingTest {

    private static ByteString bytes(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                // attestation_agent.AttestationAgentService
                Arguments.of("GetEvidence request", GetEvidenceRequest.newBuilder().setRuntimeData(bytes("010203")).build(), "0a03010203"),
                Arguments.of("GetEvidence response", GetEvidenceResponse.newBuilder().setEvidence(ByteString.copyFromUtf8("{}")).build(), "0a027b7d"),
                Arguments.of("GetAdditionalEvidence request", GetAdditionalEvidenceRequest.newBuilder().setRuntimeData(bytes("ff")).build(), "0a01ff"),
                Arguments.of("GetAdditionalEvidence response (none)", GetEvidenceResponse.getDefaultInstance(), ""),
                Arguments.of("GetToken request", GetTokenRequest.newBuilder().setTokenType("kbs").build(), "0a036b6273"),
                Arguments.of("GetToken response", GetTokenResponse.newBuilder().setToken(ByteString.copyFromUtf8("t")).build(), "0a0174"),
                Arguments.of("ExtendRuntimeMeasurement request", ExtendRuntimeMeasurementRequest.newBuilder()
                        .setDomain("d").setOperation("o").setContent("c").setRegisterIndex(17).build(), "0a016412016f1a01632011"),
                Arguments.of("ExtendRuntimeMeasurement request without index", ExtendRuntimeMeasurementRequest.newBuilder()
                        .setDomain("d").setOperation("o").setContent("c").build(), "0a016412016f1a0163"),
                Arguments.of("ExtendRuntimeMeasurement request, explicit index 0", ExtendRuntimeMeasurementRequest.newBuilder()
                        .setDomain("d").setOperation("o").setContent("c").setRegisterIndex(0).build(), "0a016412016f1a01632000"),
                Arguments.of("ExtendRuntimeMeasurement response", ExtendRuntimeMeasurementResponse.newBuilder()
                        .setResult(RuntimeMeasurementResult.NOT_ENABLED).build(), "0802"),
                Arguments.of("BindInitData request", BindInitDataRequest.newBuilder().setDigest(bytes("aabb")).build(), "0a02aabb"),
                Arguments.of("BindInitData response", BindInitDataResponse.getDefaultInstance(), ""),
                Arguments.of("GetTeeType request", GetTeeTypeRequest.getDefaultInstance(), ""),
                Arguments.of("GetTeeType response", GetTeeTypeResponse.newBuilder().setTee("sample").build(), "0a0673616d706c65"),
                Arguments.of("GetAdditionalTees request", GetAdditionalTeesRequest.getDefaultInstance(), ""),
                Arguments.of("GetAdditionalTees response", GetAdditionalTeesResponse.newBuilder().addAdditionalTees("sampledevice")
                        .addAdditionalTees("x").build(), "0a0c73616d706c65646576696365" + "0a0178"),
                // api.*Service of the CDH
                Arguments.of("GetResource request", GetResourceRequest.newBuilder().setResourcePath("kbs:///a/b/c").build(),
                        "0a0c6b62733a2f2f2f612f622f63"),
                Arguments.of("GetResource response", GetResourceResponse.newBuilder().setResource(bytes("00ff")).build(), "0a0200ff"),
                Arguments.of("UnsealSecret request", UnsealSecretInput.newBuilder().setSecret(ByteString.copyFromUtf8("s")).build(), "0a0173"),
                Arguments.of("UnsealSecret response", UnsealSecretOutput.newBuilder().setPlaintext(ByteString.copyFromUtf8("p")).build(), "0a0170"),
                Arguments.of("PullImage request", ImagePullRequest.newBuilder().setImageUrl("i").setBundlePath("b").build(), "0a01691201 62".replace(" ", "")),
                Arguments.of("PullImage response", ImagePullResponse.newBuilder().setManifestDigest("m").build(), "0a016d"),
                Arguments.of("SecureMount request", SecureMountRequest.newBuilder().setVolumeType("v").putOptions("k", "v").addFlags("f")
                        .setMountPoint("/m").build(), "0a0176" + "12060a016b120176" + "1a0166" + "22022f6d"),
                Arguments.of("SecureMount response", SecureMountResponse.newBuilder().setMountPath("/m").build(), "0a022f6d"),
                // keyprovider.KeyProviderService
                Arguments.of("UnWrapKey request", KeyProviderKeyWrapProtocolInput.newBuilder()
                        .setKeyProviderKeyWrapProtocolInput(ByteString.copyFromUtf8("{}")).build(), "0a027b7d"),
                Arguments.of("UnWrapKey response", KeyProviderKeyWrapProtocolOutput.newBuilder()
                        .setKeyProviderKeyWrapProtocolOutput(ByteString.copyFromUtf8("[]")).build(), "0a025b5d"),
                // ttRPC envelopes
                Arguments.of("ttRPC request", Request.newBuilder().setService("s").setMethod("m").setPayload(bytes("01")).setTimeoutNano(1000).build(),
                        "0a0173" + "12016d" + "1a0101" + "20e807"),
                Arguments.of("ttRPC success response", Response.newBuilder().setStatus(Status.getDefaultInstance()).setPayload(bytes("0a01")).build(),
                        "0a00" + "12020a01"),
                Arguments.of("ttRPC error response", Response.newBuilder().setStatus(Status.newBuilder().setCode(13).setMessage("x")).build(),
                        "0a05080d120178"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void encodesAsComputedByHand(String what, Message message, String hex) throws Exception {
        assertThat(HexFormat.of().formatHex(message.toByteArray())).isEqualTo(hex);
        assertThat(message.getParserForType().parseFrom(HexFormat.of().parseHex(hex))).isEqualTo(message);
    }
}
