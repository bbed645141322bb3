package io.coco4j.guest.sdk;

import com.google.protobuf.ByteString;
import io.coco4j.guest.aa.AttestationAgentService;
import io.coco4j.guest.aa.KbsTokenResponse;
import io.coco4j.guest.aa.api.GetTokenRequest;
import io.coco4j.guest.cdh.ConfidentialDataHubService;
import io.coco4j.guest.cdh.api.GetResourceRequest;
import io.coco4j.guest.cdh.api.UnsealSecretInput;
import io.coco4j.guest.kbs.KbsProtocolException;
import io.coco4j.guest.rpc.RpcClient;
import io.coco4j.guest.rpc.RpcStatusException;
import io.grpc.Status;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** A client of the pod's running Confidential Data Hub and Attestation Agent. */
final class RemoteClient implements Coco4jClient {

    static final Duration TIMEOUT = Duration.ofSeconds(50);

    private final RpcClient hub;
    private final RpcClient agent;

    RemoteClient(RpcClient hub, RpcClient agent) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    @Override
    public byte[] getResource(URI resource) throws Coco4jException {
        return getResource(resource.toString());
    }

    @Override
    public byte[] getResource(String resource) throws Coco4jException {
        try {
            return hub.call(ConfidentialDataHubService.GET_RESOURCE, GetResourceRequest.newBuilder().setResourcePath(resource).build(), TIMEOUT)
                    .getResource().toByteArray();
        } catch (RpcStatusException e) {
            throw new Coco4jException("GetResource " + resource + " failed: " + e.getMessage(), e.code() == Status.Code.NOT_FOUND, e);
        }
    }

    @Override
    public String getToken() throws Coco4jException {
        try {
            byte[] answer = agent.call(AttestationAgentService.GET_TOKEN, GetTokenRequest.newBuilder().setTokenType("kbs").build(), TIMEOUT)
                    .getToken().toByteArray();
            return KbsTokenResponse.decode(answer).token().jwt();
        } catch (RpcStatusException e) {
            throw new Coco4jException("GetToken failed: " + e.getMessage(), e);
        } catch (KbsProtocolException e) {
            throw new Coco4jException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] unsealSecret(String sealedSecret) throws Coco4jException {
        try {
            return hub.call(ConfidentialDataHubService.UNSEAL_SECRET,
                    UnsealSecretInput.newBuilder().setSecret(ByteString.copyFrom(sealedSecret, StandardCharsets.UTF_8)).build(), TIMEOUT)
                    .getPlaintext().toByteArray();
        } catch (RpcStatusException e) {
            throw new Coco4jException("UnsealSecret failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        hub.close();
        agent.close();
    }
}
