package io.coco4j.guest.cdh;

import io.coco4j.guest.aa.AttestationAgentService;
import io.coco4j.guest.aa.KbsTokenResponse;
import io.coco4j.guest.aa.api.GetTokenRequest;
import io.coco4j.guest.kbs.KbsClientException;
import io.coco4j.guest.kbs.KbsProtocolException;
import io.coco4j.guest.kbs.TokenCredential;
import io.coco4j.guest.kbs.TokenProvider;
import io.coco4j.guest.rpc.RpcClient;
import io.coco4j.guest.rpc.RpcStatusException;

import java.time.Duration;
import java.util.Objects;

/** Tokens from a running attestation agent: {@code GetToken("kbs")} over its socket. */
public final class AaTokenProvider implements TokenProvider {

    /** The reference callers' timeout for token requests. */
    public static final Duration TIMEOUT = Duration.ofSeconds(50);

    private final RpcClient agent;

    public AaTokenProvider(RpcClient agent) {
        this.agent = Objects.requireNonNull(agent, "agent");
    }

    @Override
    public TokenCredential newToken() throws KbsClientException {
        byte[] answer;
        try {
            answer = agent.call(AttestationAgentService.GET_TOKEN,
                    GetTokenRequest.newBuilder().setTokenType("kbs").build(), TIMEOUT).getToken().toByteArray();
        } catch (RpcStatusException e) {
            throw new KbsProtocolException("the attestation agent gave no kbs token: " + e.getMessage());
        }
        return KbsTokenResponse.decode(answer);
    }
}
