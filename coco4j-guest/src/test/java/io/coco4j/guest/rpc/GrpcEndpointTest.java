package io.coco4j.guest.rpc;

import com.google.protobuf.ByteString;
import io.coco4j.guest.aa.AttestationAgent;
import io.coco4j.guest.aa.AttestationAgentService;
import io.coco4j.guest.aa.api.GetEvidenceRequest;
import io.coco4j.guest.aa.api.GetEvidenceResponse;
import io.coco4j.guest.aa.api.GetTeeTypeRequest;
import io.coco4j.guest.aa.api.GetTokenRequest;
import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.protocol.json.Json;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same services over gRPC, called with grpc-java's own client calls on the method descriptors. */
class GrpcEndpointTest {

    @Test
    void attestationAgentOverGrpc() throws Exception {
        AttestationAgent agent = AttestationAgent.builder().attester(new SampleAttester()).build();
        try (RpcEndpoint endpoint = RpcEndpoint.start("127.0.0.1:0", List.of(AttestationAgentService.bind(agent)))) {
            assertThat(endpoint.isTtrpc()).isFalse();
            GrpcAddress address = GrpcAddress.parse(endpoint.address());
            ManagedChannel channel = NettyChannelBuilder.forAddress(address.host(), address.port()).usePlaintext().build();
            try {
                CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
                assertThat(AttestationAgentService.GET_TEE_TYPE.grpcDescriptor().getFullMethodName())
                        .isEqualTo("attestation_agent.AttestationAgentService/GetTeeType");
                assertThat(ClientCalls.blockingUnaryCall(channel, AttestationAgentService.GET_TEE_TYPE.grpcDescriptor(), options,
                        GetTeeTypeRequest.getDefaultInstance()).getTee()).isEqualTo("sample");
                GetEvidenceResponse evidence = ClientCalls.blockingUnaryCall(channel, AttestationAgentService.GET_EVIDENCE.grpcDescriptor(), options,
                        GetEvidenceRequest.newBuilder().setRuntimeData(ByteString.copyFromUtf8("nonce")).build());
                assertThat(Json.readTree(evidence.getEvidence().toByteArray()).get("report_data").asText())
                        .isEqualTo(Base64.getEncoder().encodeToString("nonce".getBytes()));
                assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(channel, AttestationAgentService.GET_TOKEN.grpcDescriptor(), options,
                        GetTokenRequest.newBuilder().setTokenType("x").build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                            assertThat(e.getStatus().getDescription()).contains("unsupported token type 'x'");
                        });
            } finally {
                channel.shutdownNow();
            }
            try (RpcClient client = RpcClient.connect(endpoint.address())) {
                assertThat(client.call(AttestationAgentService.GET_TEE_TYPE, GetTeeTypeRequest.getDefaultInstance(), Duration.ofSeconds(10)).getTee())
                        .isEqualTo("sample");
                assertThatThrownBy(() -> client.call(AttestationAgentService.GET_TOKEN, GetTokenRequest.newBuilder().setTokenType("kbs").build(),
                        Duration.ofSeconds(10)))
                        .isInstanceOfSatisfying(RpcStatusException.class, e -> {
                            assertThat(e.code()).isEqualTo(Status.Code.INTERNAL);
                            assertThat(e.getMessage()).startsWith("[ERROR:attestation-agent] no KBS is configured");
                        });
            }
        }
    }

    @Test
    void addresses() {
        assertThat(GrpcAddress.parse("127.0.0.1:50002")).isEqualTo(new GrpcAddress("127.0.0.1", 50002));
        assertThat(GrpcAddress.parse("tcp://[::1]:8")).isEqualTo(new GrpcAddress("::1", 8));
        assertThat(new GrpcAddress("::1", 8).toString()).isEqualTo("[::1]:8");
        assertThatThrownBy(() -> GrpcAddress.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GrpcAddress.parse("h:99999")).isInstanceOf(IllegalArgumentException.class);
    }
}
