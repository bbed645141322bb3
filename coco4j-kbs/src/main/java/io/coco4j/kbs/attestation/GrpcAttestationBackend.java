package io.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.grpc.AttestationServiceMethods;
import io.coco4j.as.grpc.proto.AttestationRequest;
import io.coco4j.as.grpc.proto.IndividualAttestationRequest;
import io.coco4j.as.grpc.proto.SetPolicyRequest;
import io.coco4j.grpc.GrpcChannels;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.rvps.RvpsException;
import io.coco4j.rvps.grpc.GrpcReferenceValueProvider;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An attestation service reached over gRPC ({@code type = "coco_as_grpc"}): coco4j's
 * {@code coco4j as serve} or the reference's gRPC AS. Evidence goes as the reference KBS sends it;
 * reference values go to the RVPS service the AS re-exports on the same address. The AS signs the
 * tokens, so the KBS trusts them through {@code [attestation_token]} like any other issuer's.
 */
public final class GrpcAttestationBackend implements AttestationBackend, AutoCloseable {

    /** The reference KBS's deadline for one evaluation. */
    public static final Duration TIMEOUT = Duration.ofSeconds(300);
    /** The KBS always asks for policy id {@code default}; the AS appends the evidence class. */
    private static final List<String> POLICY_IDS = List.of("default");

    private final ManagedChannel channel;
    private final GrpcReferenceValueProvider referenceValues;
    private final String address;

    private GrpcAttestationBackend(ManagedChannel channel, GrpcReferenceValueProvider referenceValues, String address) {
        this.channel = channel;
        this.referenceValues = referenceValues;
        this.address = address;
    }

    /**
     * @param address {@code as_addr}: {@code host:port}, {@code http://host:port} or {@code https://host:port}
     * @param tls     the AS's CA and, for mutual TLS, the KBS's key and certificate
     */
    public static GrpcAttestationBackend connect(String address, Optional<GrpcChannels.ClientTls> tls) throws IOException {
        ManagedChannel channel = GrpcChannels.open(address, tls);
        try {
            return new GrpcAttestationBackend(channel, GrpcReferenceValueProvider.connect(address, tls), address);
        } catch (IOException | RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    public String address() {
        return address;
    }

    /** The TEEs the remote AS verifies are its business: every one passes here and the AS refuses what it cannot verify. */
    @Override
    public boolean supports(Tee tee) {
        return true;
    }

    @Override
    public String attest(List<EvidenceSubmission> evidence) throws AttestationFailure {
        AttestationRequest.Builder request = AttestationRequest.newBuilder().addAllPolicyIds(POLICY_IDS);
        for (EvidenceSubmission submission : evidence) {
            IndividualAttestationRequest.Builder individual = IndividualAttestationRequest.newBuilder()
                    .setTee(submission.tee().wireName())
                    .setEvidence(base64url(Json.write(submission.evidence())))
                    .setStructuredRuntimeData(Json.write(submission.runtimeData()))
                    .setRuntimeDataHashAlgorithm(submission.hashAlgorithm().wireName());
            submission.initData().ifPresent(initData -> individual.setInitDataToml(initData.body()));
            request.addVerificationRequests(individual);
        }
        try {
            return ClientCalls.blockingUnaryCall(channel, AttestationServiceMethods.EVALUATE, options(), request.build()).getAttestationToken();
        } catch (StatusRuntimeException e) {
            throw new AttestationFailure("the attestation service at " + address + " refused the evidence: " + GrpcChannels.describeFailure(e), e);
        }
    }

    @Override
    public void setPolicy(String policyId, String policyText) throws PolicyFailure {
        try {
            ClientCalls.blockingUnaryCall(channel, AttestationServiceMethods.SET_POLICY, options(), SetPolicyRequest.newBuilder()
                    .setPolicyId(policyId).setPolicy(base64url(policyText)).build());
        } catch (StatusRuntimeException e) {
            throw new PolicyFailure("the attestation service at " + address + " refused the policy: " + GrpcChannels.describeFailure(e), e);
        }
    }

    @Override
    public void registerReferenceValues(String message) throws ReferenceValueFailure {
        try {
            referenceValues.register(message);
        } catch (RvpsException e) {
            throw new ReferenceValueFailure(e.getMessage(), e);
        }
    }

    @Override
    public Optional<JsonNode> referenceValue(String id) throws ReferenceValueFailure {
        try {
            return referenceValues.query(id);
        } catch (RvpsException e) {
            throw new ReferenceValueFailure(e.getMessage(), e);
        }
    }

    /** The remote AS publishes its own keys; the KBS does not relay them. */
    @Override
    public Optional<ObjectNode> jwks() {
        return Optional.empty();
    }

    private static CallOptions options() {
        return CallOptions.DEFAULT.withDeadlineAfter(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String base64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        channel.shutdownNow();
        referenceValues.close();
    }
}
