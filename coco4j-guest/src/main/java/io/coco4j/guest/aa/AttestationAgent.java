package io.coco4j.guest.aa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.guest.attester.Attester;
import io.coco4j.guest.attester.EvidenceException;
import io.coco4j.guest.attester.InitDataBinding;
import io.coco4j.guest.attester.RuntimeMeasurement;
import io.coco4j.guest.initdata.InitDataDocument;
import io.coco4j.guest.kbs.KbsClient;
import io.coco4j.guest.kbs.KbsClientException;
import io.coco4j.guest.kbs.KbsConnection;
import io.coco4j.guest.kbs.TeeKeyPem;
import io.coco4j.guest.kbs.TokenCredential;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.Tee;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The attestation agent: evidence from the primary and device attesters, attestation tokens
 * ({@code kbs}: a full RCAR handshake with a fresh TEE key per call; {@code coco_as}: evidence posted
 * to an attestation service), runtime measurements through the event log, and init-data binding.
 * Transport-neutral: the ttRPC and gRPC servers call it through {@link AttestationAgentService}.
 */
public final class AttestationAgent {

    private static final Logger LOG = LoggerFactory.getLogger(AttestationAgent.class);

    public static final String TOKEN_KBS = "kbs";
    public static final String TOKEN_COCO_AS = "coco_as";

    /** The outcome of {@code ExtendRuntimeMeasurement}. */
    public enum MeasurementOutcome { OK, NOT_SUPPORTED, NOT_ENABLED }

    private final Attester primary;
    private final List<Attester> devices;
    private final AaConfig config;
    private final Optional<InitDataDocument> initData;
    private final Optional<RuntimeEventLog> eventLog;
    private final Duration handshakeRetryDelay;
    private final HttpClient http;

    private AttestationAgent(Builder builder) throws IOException {
        this.primary = builder.primary;
        this.devices = List.copyOf(builder.devices);
        this.config = builder.config;
        this.initData = Optional.ofNullable(builder.initData);
        this.handshakeRetryDelay = builder.handshakeRetryDelay;
        Optional<RuntimeMeasurement> registers = primary.runtimeMeasurement();
        if (config.eventLog().enabled() && registers.isPresent()) {
            this.eventLog = Optional.of(new RuntimeEventLog(builder.eventLogPath, registers.get()));
        } else {
            if (config.eventLog().enabled()) {
                LOG.warn("the event log is enabled but the {} TEE has no runtime measurement registers", primary.tee());
            }
            this.eventLog = Optional.empty();
        }
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Tee teeType() {
        return primary.tee();
    }

    public List<Tee> additionalTees() {
        List<Tee> tees = new ArrayList<>();
        for (Attester device : devices) {
            tees.add(device.tee());
        }
        return tees;
    }

    public Optional<InitDataDocument> initData() {
        return initData;
    }

    /** Compact evidence JSON from the primary attester, binding {@code runtimeData} as given. */
    public byte[] getEvidence(byte[] runtimeData) throws AttestationAgentException {
        return Json.writeBytes(evidenceOf(primary, runtimeData));
    }

    /** {@code {"<tee>": evidence, …}} over the device attesters; no bytes when there are none. */
    public byte[] getAdditionalEvidence(byte[] runtimeData) throws AttestationAgentException {
        if (devices.isEmpty()) {
            return new byte[0];
        }
        ObjectNode byTee = JsonNodeFactory.instance.objectNode();
        for (Attester device : devices) {
            byTee.set(device.tee().wireName(), evidenceOf(device, runtimeData));
        }
        return Json.writeBytes(byTee);
    }

    private static JsonNode evidenceOf(Attester attester, byte[] runtimeData) throws AttestationAgentException {
        try {
            JsonNode evidence = attester.evidence(runtimeData.clone());
            if (evidence == null) {
                throw AttestationAgentException.failed("the " + attester.tee() + " attester returned no evidence");
            }
            return evidence;
        } catch (EvidenceException e) {
            throw AttestationAgentException.failed("the " + attester.tee() + " attester failed: " + e.getMessage(), e);
        }
    }

    /** A token of the given type: {@code kbs} or {@code coco_as}. */
    public byte[] getToken(String type) throws AttestationAgentException {
        if (TOKEN_KBS.equals(type)) {
            return kbsToken();
        }
        if (TOKEN_COCO_AS.equals(type)) {
            return cocoAsToken();
        }
        throw AttestationAgentException.badRequest("unsupported token type '" + type + "' (supported: kbs, coco_as)");
    }

    /** The {@code kbs} token as a credential (token plus its key pair), for in-process callers. */
    public TokenCredential kbsCredential() throws AttestationAgentException {
        return issueKbsToken().credential();
    }

    private byte[] kbsToken() throws AttestationAgentException {
        IssuedToken issued = issueKbsToken();
        return KbsTokenResponse.encode(issued.credential().token().jwt(), TeeKeyPem.privateKeyPem(issued.keyPair()));
    }

    private record IssuedToken(TokenCredential credential, KeyPair keyPair) {
    }

    private IssuedToken issueKbsToken() throws AttestationAgentException {
        AaConfig.KbsToken kbs = config.kbs().orElseThrow(() -> AttestationAgentException.failed(
                "no KBS is configured for kbs tokens (token_configs.kbs, or AA_KBC_PARAMS=cc_kbc::<url>)"));
        KbsConnection.Builder connection = KbsConnection.builder();
        try {
            connection.url(kbs.url());
            kbs.certificatePem().ifPresent(connection::trustedCertificatesPem);
        } catch (IllegalArgumentException e) {
            throw AttestationAgentException.failed("token_configs.kbs: " + e.getMessage(), e);
        }
        // a new client, so a new TEE key, for every token, as the reference agent does
        KeyPair keyPair = TeeKeyPem.generate(kbs.teeKeyAlgorithm());
        KbsClient.Builder client = KbsClient.builder()
                .connection(connection.build())
                .attester(primary)
                .deviceAttesters(devices)
                .teeKeyPair(TeeKeyPair.of(kbs.teeKeyAlgorithm(), keyPair))
                .handshakeRetryDelay(handshakeRetryDelay);
        initData.ifPresent(document -> client.initData(document.text()));
        try {
            return new IssuedToken(client.build().getToken(), keyPair);
        } catch (KbsClientException e) {
            throw AttestationAgentException.failed("attestation to " + kbs.url() + " failed: " + e.getMessage(), e);
        }
    }

    private byte[] cocoAsToken() throws AttestationAgentException {
        AaConfig.CocoAsToken as = config.cocoAs().orElseThrow(() -> AttestationAgentException.failed(
                "no attestation service is configured for coco_as tokens (token_configs.coco_as)"));
        byte[] evidence = getEvidence(new byte[0]);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode request = body.putArray("verification_requests").addObject();
        request.put("tee", primary.tee().wireName());
        request.put("evidence", Base64.getUrlEncoder().withoutPadding().encodeToString(evidence));
        body.putArray("policy_ids");
        String base = as.url();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(base + "/attestation"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | IllegalArgumentException e) {
            throw AttestationAgentException.failed("cannot reach the attestation service at " + as.url() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AttestationAgentException.failed("interrupted while waiting for the attestation service", e);
        }
        if (response.statusCode() != 200) {
            throw AttestationAgentException.failed("the attestation service refused the evidence (HTTP " + response.statusCode() + ")");
        }
        return response.body();
    }

    /**
     * Records an event in the event log and extends the measurement register behind
     * {@code registerIndex} (the configured {@code init_pcr} when absent).
     */
    public MeasurementOutcome extendRuntimeMeasurement(String domain, String operation, String content, OptionalLong registerIndex)
            throws AttestationAgentException {
        if (eventLog.isEmpty()) {
            return config.eventLog().enabled() ? MeasurementOutcome.NOT_SUPPORTED : MeasurementOutcome.NOT_ENABLED;
        }
        try {
            RuntimeEventLog.eventText(domain, operation, content);
        } catch (IllegalArgumentException e) {
            throw AttestationAgentException.badRequest(e.getMessage());
        }
        try {
            eventLog.get().record(domain, operation, content, registerIndex.orElse(config.eventLog().initPcr()));
            return MeasurementOutcome.OK;
        } catch (IOException e) {
            throw AttestationAgentException.failed("cannot write the event log: " + e.getMessage(), e);
        } catch (EvidenceException e) {
            throw AttestationAgentException.failed("cannot extend the measurement register: " + e.getMessage(), e);
        }
    }

    /** Checks (or on TPMs records) that the platform was launched with init-data of this digest. */
    public InitDataBinding bindInitData(byte[] digest) throws AttestationAgentException {
        Objects.requireNonNull(digest, "digest");
        try {
            return primary.bindInitData(digest.clone());
        } catch (EvidenceException e) {
            throw AttestationAgentException.failed("init-data binding failed: " + e.getMessage(), e);
        }
    }

    public static final class Builder {

        private Attester primary;
        private final List<Attester> devices = new ArrayList<>();
        private AaConfig config = AaConfig.empty();
        private InitDataDocument initData;
        private Path eventLogPath = RuntimeEventLog.DEFAULT_PATH;
        private Duration handshakeRetryDelay = KbsClient.DEFAULT_HANDSHAKE_RETRY_DELAY;

        private Builder() {
        }

        public Builder attester(Attester attester) {
            this.primary = Objects.requireNonNull(attester, "attester");
            return this;
        }

        public Builder deviceAttesters(List<? extends Attester> attesters) {
            devices.clear();
            devices.addAll(attesters);
            return this;
        }

        public Builder config(AaConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** The init-data this guest was launched with; sent with every kbs attestation. */
        public Builder initData(InitDataDocument document) {
            this.initData = Objects.requireNonNull(document, "document");
            return this;
        }

        public Builder eventLogPath(Path path) {
            this.eventLogPath = Objects.requireNonNull(path, "path");
            return this;
        }

        public Builder handshakeRetryDelay(Duration delay) {
            this.handshakeRetryDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        public AttestationAgent build() throws IOException {
            if (primary == null) {
                throw new IllegalStateException("no attester is set");
            }
            return new AttestationAgent(this);
        }
    }
}
