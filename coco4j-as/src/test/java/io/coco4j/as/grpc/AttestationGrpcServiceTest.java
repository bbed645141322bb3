package io.coco4j.as.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import io.coco4j.as.AttestationService;
import io.coco4j.as.SampleGuest;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.as.grpc.proto.AttestationRequest;
import io.coco4j.as.grpc.proto.ChallengeRequest;
import io.coco4j.as.grpc.proto.IndividualAttestationRequest;
import io.coco4j.as.grpc.proto.SetPolicyRequest;
import io.coco4j.grpc.GrpcChannels;
import io.coco4j.grpc.GrpcListener;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.ExternalAddress;
import io.coco4j.rvps.BuiltinReferenceValueProvider;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.verifier.VerifierRegistry;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reference's gRPC AS API served over a real listener and called as the reference KBS calls it. */
class AttestationGrpcServiceTest {

    private GrpcListener listener;
    private ManagedChannel channel;
    private BuiltinReferenceValueProvider rvps;

    private AttestationService start(VerifierRegistry.Mode mode, InetAddress address) throws Exception {
        rvps = BuiltinReferenceValueProvider.builder(new InMemoryReferenceValueStore()).extractor(new SampleExtractor()).build();
        AttestationService service = AttestationService.create(new MemoryStorage(), EarTokenBrokerSettings.defaults(),
                VerifierRegistry.create(mode), rvps);
        listener = GrpcListener.builder(new InetSocketAddress(address, 0)).service(new AttestationGrpcService(service).definition()).start();
        channel = GrpcChannels.open("http://" + address.getHostAddress() + ":" + listener.port(), Optional.empty());
        return service;
    }

    private AttestationService start() throws Exception {
        return start(VerifierRegistry.Mode.DEVELOPMENT, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (listener != null) {
            listener.close();
        }
    }

    private <Q, R> R call(MethodDescriptor<Q, R> method, Q request) {
        return ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, request);
    }

    /** The request the reference KBS sends for the B.1 guest. */
    private static IndividualAttestationRequest.Builder kbsStyle() {
        return IndividualAttestationRequest.newBuilder()
                .setTee("sample")
                .setEvidence(SampleGuest.base64url(SampleGuest.B1_EVIDENCE))
                .setStructuredRuntimeData(Json.write(SampleGuest.RUNTIME_DATA.primaryBinding("")))
                .setRuntimeDataHashAlgorithm("sha384");
    }

    private String evaluate(IndividualAttestationRequest.Builder individual, String... policyIds) {
        return call(AttestationServiceMethods.EVALUATE, AttestationRequest.newBuilder().addVerificationRequests(individual)
                .addAllPolicyIds(List.of(policyIds)).build()).getAttestationToken();
    }

    private static JsonNode claims(String token) throws Exception {
        return Json.readTree(SignedJWT.parse(token).getPayload().toString());
    }

    private static void assertAborted(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED);
            assertThat(e.getStatus().getDescription()).contains(message);
        });
    }

    @Test
    void evaluatesTheRequestTheReferenceKbsSends() throws Exception {
        AttestationService service = start();
        JsonNode claims = claims(evaluate(kbsStyle()));
        JsonNode cpu0 = claims.at("/submods/cpu0");
        assertThat(cpu0.get("ear.appraisal-policy-id").asText()).isEqualTo("default");
        assertThat(cpu0.get("ear.status").asText()).isEqualTo("contraindicated"); // no reference values yet
        assertThat(cpu0.at("/ear.veraison.annotated-evidence/runtime_data_claims")).isEqualTo(SampleGuest.RUNTIME_DATA.primaryBinding(""));

        // reference values registered in the AS's RVPS are what the default policy consults
        rvps.register(SampleGuest.registration(SampleGuest.MATCHING_SAMPLE_VALUES));
        assertThat(claims(evaluate(kbsStyle(), "default")).at("/submods/cpu0/ear.status").asText()).isEqualTo("affirming");
        assertThat(service.policyIds()).contains("default_cpu");
    }

    @Test
    void rawRuntimeDataAndInitDataDigestAreCompared() throws Exception {
        start();
        byte[] reportData = Base64.getDecoder().decode(SampleGuest.REPORT_DATA);
        IndividualAttestationRequest.Builder raw = kbsStyle().setRawRuntimeData(Base64.getUrlEncoder().withoutPadding().encodeToString(reportData));
        JsonNode annotated = claims(evaluate(raw)).at("/submods/cpu0/ear.veraison.annotated-evidence");
        assertThat(annotated.get("report_data").asText()).isEqualTo(SampleGuest.REPORT_DATA);
        assertThat(annotated.get("runtime_data_claims").isNull()).isTrue();

        byte[] digest = new byte[32];
        digest[0] = 7;
        JsonNode withInitData = claims(evaluate(kbsStyle().setInitDataDigest(Base64.getUrlEncoder().withoutPadding().encodeToString(digest))))
                .at("/submods/cpu0/ear.veraison.annotated-evidence");
        assertThat(withInitData.get("init_data").asText()).isEqualTo(Base64.getEncoder().encodeToString(digest));

        reportData[0] ^= 1;
        assertAborted(() -> evaluate(kbsStyle().setRawRuntimeData(Base64.getUrlEncoder().encodeToString(reportData))),
                "report_data does not match the expected runtime-data digest");
        assertAborted(() -> evaluate(kbsStyle().setInitDataDigest("%%")), "init_data_digest is not base64url");
    }

    @Test
    void badRequestsAreAbortedWithTheReason() throws Exception {
        start();
        assertAborted(() -> call(AttestationServiceMethods.EVALUATE, AttestationRequest.getDefaultInstance()), "no verification requests");
        assertAborted(() -> evaluate(kbsStyle().setTee("quantum")), "unknown tee 'quantum'");
        assertAborted(() -> evaluate(kbsStyle().setTee("")), "tee is missing");
        assertAborted(() -> evaluate(kbsStyle().setEvidence("*not base64*")), "evidence is not base64url");
        assertAborted(() -> evaluate(kbsStyle().setEvidence(SampleGuest.base64url("not json"))), "evidence is not JSON");
        assertAborted(() -> evaluate(kbsStyle().setStructuredRuntimeData("{")), "structured runtime data is not JSON");
        assertAborted(() -> evaluate(kbsStyle().setRuntimeDataHashAlgorithm("md5")), "unknown runtime_data_hash_algorithm 'md5'");
        assertAborted(() -> evaluate(kbsStyle().setStructuredRuntimeData(Json.write(SampleGuest.RUNTIME_DATA.deviceBinding()))),
                "report_data does not match");
        assertAborted(() -> evaluate(kbsStyle(), "nonexistent"), "nonexistent_cpu");
    }

    @Test
    void aProductionServiceRefusesTheSampleTee() throws Exception {
        start(VerifierRegistry.Mode.PRODUCTION, InetAddress.getLoopbackAddress());
        assertAborted(() -> evaluate(kbsStyle()), "sample evidence verification failed");
        assertAborted(() -> call(AttestationServiceMethods.CHALLENGE, ChallengeRequest.newBuilder().putInner("tee", "sample").build()),
                "sample");
    }

    @Test
    void policiesAreSetFromLoopbackAndBadOnesRefused() throws Exception {
        AttestationService service = start();
        String policy = "package policy\nimport rego.v1\ntrust_claims := {\"executables\": 3, \"hardware\": 2, \"configuration\": 2}\n";
        call(AttestationServiceMethods.SET_POLICY, SetPolicyRequest.newBuilder().setPolicyId("strict_cpu")
                .setPolicy(SampleGuest.base64url(policy)).build());
        assertThat(service.policyIds()).contains("strict_cpu");
        JsonNode cpu0 = claims(evaluate(kbsStyle(), "strict")).at("/submods/cpu0");
        assertThat(cpu0.get("ear.status").asText()).isEqualTo("affirming");
        assertThat(cpu0.get("ear.appraisal-policy-id").asText()).isEqualTo("strict");

        assertAborted(() -> call(AttestationServiceMethods.SET_POLICY, SetPolicyRequest.newBuilder().setPolicyId("x_cpu")
                .setPolicy("!!").build()), "policy is not base64url");
        assertAborted(() -> call(AttestationServiceMethods.SET_POLICY, SetPolicyRequest.newBuilder().setPolicyId("x_cpu")
                .setPolicy(SampleGuest.base64url("package policy\nthis is not rego")).build()), "x_cpu");
        assertAborted(() -> call(AttestationServiceMethods.SET_POLICY, SetPolicyRequest.newBuilder().setPolicyId("../x")
                .setPolicy(SampleGuest.base64url(policy)).build()), "invalid policy id");
        assertThat(service.policyIds()).doesNotContain("x_cpu");
    }

    @Test
    void aPolicyFromAnotherMachineIsRefused() throws Exception {
        Optional<InetAddress> external = ExternalAddress.ipv4();
        Assumptions.assumeTrue(external.isPresent(), "no non-loopback interface to call from");
        AttestationService service = start(VerifierRegistry.Mode.DEVELOPMENT, external.get());
        assertThatThrownBy(() -> call(AttestationServiceMethods.SET_POLICY, SetPolicyRequest.newBuilder().setPolicyId("open_cpu")
                .setPolicy(SampleGuest.base64url("package policy\n")).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(service.policyIds()).doesNotContain("open_cpu");
        // evaluation stays open to any caller that reaches the listener
        assertThat(evaluate(kbsStyle())).isNotEmpty();
    }

    @Test
    void challengesAreEmptyForVerifiedTees() throws Exception {
        start();
        assertThat(call(AttestationServiceMethods.CHALLENGE, ChallengeRequest.newBuilder().putInner("tee", "sample")
                .putInner("tee_params", "").build()).getAttestationChallenge()).isEmpty();
        assertAborted(() -> call(AttestationServiceMethods.CHALLENGE, ChallengeRequest.newBuilder().putInner("tee", "se").build()), "se");
        assertAborted(() -> call(AttestationServiceMethods.CHALLENGE, ChallengeRequest.getDefaultInstance()), "tee is missing");
    }
}
