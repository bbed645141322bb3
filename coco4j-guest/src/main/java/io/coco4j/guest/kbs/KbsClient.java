package io.coco4j.guest.kbs;

import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.CompositeAttester;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.jose.TeePublicKey;
import io.coco4j.protocol.rcar.Attestation;
import io.coco4j.protocol.rcar.AttestationResponse;
import io.coco4j.protocol.rcar.AuthRequest;
import io.coco4j.protocol.rcar.Challenge;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.InitData;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.rcar.TeeEvidence;
import io.coco4j.protocol.resource.ResourceUri;
import io.coco4j.protocol.tee.Tee;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The guest's KBS client (KBC): attests with the RCAR handshake ({@code /auth} → challenge → evidence
 * binding the runtime data → {@code /attest}) and fetches resources with the resulting session cookie,
 * decrypting each resource JWE with the client's TEE key.
 *
 * <p>One TEE key pair is generated per client and reused for every handshake; one cookie jar per
 * client carries the session. The token is cached while its {@code exp}/{@code nbf} allow. A client is
 * safe for use by several threads; its requests run one at a time, as they share one session.
 */
public final class KbsClient implements TokenProvider {

    /** Handshakes tried by {@link #getToken()} and {@link #newToken()} before giving up, as the reference. */
    public static final int HANDSHAKE_ATTEMPTS = 5;
    /** Requests per resource in cookie mode; each 401 but the last is followed by a new handshake. */
    public static final int RESOURCE_ATTEMPTS = ResourceFetch.ATTEMPTS;
    public static final Duration DEFAULT_HANDSHAKE_RETRY_DELAY = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(KbsClient.class);

    private final KbsHttp http;
    private final CompositeAttester attester;
    private final TeeKeyPair teeKeyPair;
    private final InitData initData;
    private final Duration handshakeRetryDelay;
    private final Clock clock;

    private final ReentrantLock lock = new ReentrantLock();
    private AttestationToken token; // guarded by lock

    private KbsClient(Builder builder) {
        this.http = new KbsHttp(builder.connection, true);
        this.attester = new CompositeAttester(builder.attester, builder.deviceAttesters);
        this.teeKeyPair = builder.teeKeyPair != null ? builder.teeKeyPair : TeeKeyPair.generate(builder.teeKeyAlgorithm);
        this.initData = builder.initDataToml == null ? null : InitData.toml(builder.initDataToml);
        this.handshakeRetryDelay = builder.handshakeRetryDelay;
        this.clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public KbsConnection connection() {
        return http.connection();
    }

    /** The TEE named in the handshake (the primary attester's). */
    public Tee tee() {
        return attester.tee();
    }

    /** The public half of this client's TEE key: the {@code tee-pubkey} of every handshake. */
    public TeePublicKey teePublicKey() {
        return teeKeyPair.publicJwk();
    }

    /**
     * The cached token and this client's key pair while the token is valid; otherwise a new handshake,
     * tried up to {@link #HANDSHAKE_ATTEMPTS} times. Failures of the last attempt are thrown, earlier
     * ones attached as suppressed exceptions.
     */
    public TokenCredential getToken() throws KbsClientException {
        lock.lock();
        try {
            if (token != null && token.isValidAt(clock.instant())) {
                return new TokenCredential(token, teeKeyPair);
            }
            return new TokenCredential(handshakeWithRetries(), teeKeyPair);
        } finally {
            lock.unlock();
        }
    }

    /** A new handshake whatever the cache holds (retried as {@link #getToken()}); for token-mode clients. */
    @Override
    public TokenCredential newToken() throws KbsClientException {
        lock.lock();
        try {
            return new TokenCredential(handshakeWithRetries(), teeKeyPair);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fetches and decrypts a resource in cookie mode. Attests first unless a valid token is cached; a
     * 401 is answered by one new handshake and a retry, up to {@link #RESOURCE_ATTEMPTS} requests.
     *
     * @throws KbsResourceNotFoundException on 404 (not retried)
     * @throws KbsUnauthorizedException     when every attempt was answered 401
     * @throws KbsAttestationException      when the KBS refuses a handshake
     */
    public byte[] getResource(ResourceUri resource) throws KbsClientException {
        Objects.requireNonNull(resource, "resource");
        lock.lock();
        try {
            if (token == null || !token.isValidAt(clock.instant())) {
                handshake();
            }
            return ResourceFetch.fetch(http, resource, new ResourceFetch.Authorisation() {
                @Override
                public String bearerToken() {
                    return null;
                }

                @Override
                public TeeKeyPair teeKeyPair() {
                    return teeKeyPair;
                }

                @Override
                public void renew() throws KbsClientException {
                    handshake();
                }
            });
        } finally {
            lock.unlock();
        }
    }

    private AttestationToken handshakeWithRetries() throws KbsClientException {
        List<KbsClientException> earlier = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                AttestationToken fresh = handshake();
                if (!earlier.isEmpty()) {
                    LOG.info("RCAR handshake succeeded on attempt {}/{}", attempt, HANDSHAKE_ATTEMPTS);
                }
                return fresh;
            } catch (KbsClientException e) {
                if (attempt >= HANDSHAKE_ATTEMPTS || Thread.currentThread().isInterrupted()) {
                    earlier.forEach(e::addSuppressed);
                    throw e;
                }
                LOG.warn("RCAR handshake attempt {}/{} failed: {}", attempt, HANDSHAKE_ATTEMPTS, e.getMessage());
                earlier.add(e);
                if (!pause()) {
                    earlier.forEach(e::addSuppressed);
                    throw e;
                }
            }
        }
    }

    /** Waits between handshake attempts; false when interrupted (the flag is kept set). */
    private boolean pause() {
        try {
            Thread.sleep(handshakeRetryDelay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One RCAR handshake; on success the token is cached and the session cookie is in the jar. */
    private AttestationToken handshake() throws KbsClientException {
        token = null;
        Challenge challenge = requestChallenge();
        HashAlgorithm hash;
        try {
            hash = challenge.selectedHashAlgorithm();
        } catch (IllegalArgumentException e) {
            throw new KbsProtocolException("unusable challenge from /auth: " + e.getMessage(), e);
        }
        RuntimeData runtimeData = new RuntimeData(challenge.nonce(), teeKeyPair.publicJwk());
        TeeEvidence evidence;
        try {
            evidence = attester.attest(runtimeData, hash);
        } catch (EvidenceException e) {
            throw new KbsEvidenceException("the " + attester.tee() + " attester produced no evidence: " + e.getMessage(), e);
        }
        AttestationToken fresh = attest(new Attestation(initData, runtimeData, evidence));
        token = fresh;
        LOG.debug("attested to {} as {}; token valid until {}", http.connection().baseUrl(), attester.tee(),
                fresh.expiresAt().map(Object::toString).orElse("(no exp)"));
        return fresh;
    }

    private Challenge requestChallenge() throws KbsClientException {
        KbsHttp.Answer answer = http.postJson(http.connection().api("auth"), Json.writeBytes(AuthRequest.forTee(attester.tee().wireName())));
        checkHandshakeStatus(answer, "/auth");
        Challenge challenge;
        try {
            challenge = Json.read(answer.body(), Challenge.class);
        } catch (IOException e) {
            throw new KbsProtocolException("the /auth answer is not a challenge: " + ResourceFetch.jsonProblem(e), e);
        }
        if (challenge == null || challenge.nonce() == null || challenge.nonce().isEmpty()) {
            throw new KbsProtocolException("the /auth challenge carries no nonce");
        }
        return challenge;
    }

    private AttestationToken attest(Attestation attestation) throws KbsClientException {
        KbsHttp.Answer answer = http.postJson(http.connection().api("attest"), Json.writeBytes(attestation));
        checkHandshakeStatus(answer, "/attest");
        AttestationResponse response;
        try {
            response = Json.read(answer.body(), AttestationResponse.class);
        } catch (IOException e) {
            throw new KbsProtocolException("the /attest answer is not a token response: " + ResourceFetch.jsonProblem(e), e);
        }
        if (response == null || response.token() == null || response.token().isEmpty()) {
            throw new KbsProtocolException("the /attest answer carries no token");
        }
        return AttestationToken.parse(response.token());
    }

    private static void checkHandshakeStatus(KbsHttp.Answer answer, String endpoint) throws KbsClientException {
        if (answer.status() == 200) {
            return;
        }
        if (answer.status() == 401) {
            throw new KbsAttestationException("the KBS refused the attestation at " + endpoint, 401, answer.errorInformation());
        }
        throw new KbsHttpStatusException("the KBS failed " + endpoint, answer.status(), answer.errorInformation());
    }

    public static final class Builder {

        private KbsConnection connection;
        private Attester attester;
        private final List<Attester> deviceAttesters = new ArrayList<>();
        private TeeKeyAlgorithm teeKeyAlgorithm = TeeKeyAlgorithm.EC_P256;
        private TeeKeyPair teeKeyPair;
        private String initDataToml;
        private Duration handshakeRetryDelay = DEFAULT_HANDSHAKE_RETRY_DELAY;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The KBS base URL with default trust and timeouts. */
        public Builder url(String url) {
            this.connection = KbsConnection.to(url);
            return this;
        }

        public Builder connection(KbsConnection connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** The primary (CPU) TEE attester. Required. */
        public Builder attester(Attester attester) {
            this.attester = Objects.requireNonNull(attester, "attester");
            return this;
        }

        /** Device TEEs whose evidence goes into {@code additional_evidence}, at most one per TEE. */
        public Builder deviceAttesters(List<? extends Attester> attesters) {
            deviceAttesters.clear();
            deviceAttesters.addAll(attesters);
            return this;
        }

        public Builder addDeviceAttester(Attester attester) {
            deviceAttesters.add(Objects.requireNonNull(attester, "device attester"));
            return this;
        }

        /** The TEE key type generated for this client; EC P-256 unless set. */
        public Builder teeKeyAlgorithm(TeeKeyAlgorithm algorithm) {
            this.teeKeyAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
            this.teeKeyPair = null;
            return this;
        }

        /** Uses an existing TEE key pair instead of generating one. */
        public Builder teeKeyPair(TeeKeyPair keyPair) {
            this.teeKeyPair = Objects.requireNonNull(keyPair, "keyPair");
            return this;
        }

        /** The init-data TOML the guest was booted with, sent verbatim with every attestation. */
        public Builder initData(String toml) {
            this.initDataToml = Objects.requireNonNull(toml, "toml");
            return this;
        }

        /** Pause between handshake attempts (1 s unless set). */
        public Builder handshakeRetryDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("the handshake retry delay must not be negative");
            }
            this.handshakeRetryDelay = delay;
            return this;
        }

        /** The clock token validity is judged by. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public KbsClient build() {
            if (connection == null) {
                throw new IllegalStateException("the KBS URL is not set");
            }
            if (attester == null) {
                throw new IllegalStateException("no attester is set");
            }
            return new KbsClient(this);
        }
    }
}
