package io.coco4j.kbs.rcar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.attestation.AttestationBackend;
import io.coco4j.kbs.audit.AuditEvent;
import io.coco4j.kbs.audit.AuditException;
import io.coco4j.kbs.audit.AuditSubjects;
import io.coco4j.kbs.audit.AuditTrail;
import io.coco4j.kbs.attestation.AttestationFailure;
import io.coco4j.kbs.attestation.EvidenceSubmission;
import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.config.LimitsConfig;
import io.coco4j.kbs.session.Admission;
import io.coco4j.kbs.session.Session;
import io.coco4j.kbs.session.SessionStore;
import io.coco4j.protocol.jose.InvalidTeeKeyException;
import io.coco4j.protocol.jose.TeePublicKey;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.Challenge;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.InitData;
import io.coco4j.protocol.rcar.RuntimeData;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.protocol.tee.TeeClass;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The RCAR handshake: {@code /auth} issues a challenge and a session, {@code /attest} checks the
 * session and nonce, hands the evidence to the attestation service and stores the token.
 */
public final class RcarService {

    private static final Logger LOG = LoggerFactory.getLogger(RcarService.class);
    /** SemVer {@code =0.4.0}: build metadata is ignored, a pre-release does not match. */
    private static final Pattern ACCEPTED_VERSION = Pattern.compile("0\\.4\\.0(\\+[0-9A-Za-z.-]+)?");
    private static final int NONCE_BYTES = 32;
    private static final com.fasterxml.jackson.databind.ObjectMapper STRICT_JSON = Json.mapper().copy()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final SessionStore sessions;
    private final AttestationBackend backend;
    private final Clock clock;
    private final Duration sessionTimeout;
    private final TeePublicKey.KeyPolicy keyPolicy;
    private final AuditTrail audit;
    private final Function<String, Optional<String>> policyDigest;
    private final int maxSessions;
    private final EvidenceSizes evidenceSizes;
    private final Runnable onEviction;
    private final SecureRandom random = new SecureRandom();

    public RcarService(SessionStore sessions, AttestationBackend backend, Clock clock, Duration sessionTimeout,
                       TeePublicKey.KeyPolicy keyPolicy) {
        this(sessions, backend, clock, sessionTimeout, keyPolicy, AuditTrail.NONE, id -> Optional.empty());
    }

    /**
     * @param audit        records every attestation result before it takes effect
     * @param policyDigest the SHA-384 (hex) of an attestation policy's text by id ({@code default_cpu}), for the audit log
     */
    public RcarService(SessionStore sessions, AttestationBackend backend, Clock clock, Duration sessionTimeout,
                       TeePublicKey.KeyPolicy keyPolicy, AuditTrail audit, Function<String, Optional<String>> policyDigest) {
        this(sessions, backend, clock, sessionTimeout, keyPolicy, audit, policyDigest, LimitsConfig.DEFAULT_MAX_SESSIONS,
                EvidenceSizes.DEFAULT, () -> { });
    }

    /**
     * @param maxSessions   {@code limits.max_sessions}: live sessions; the oldest unattested one makes room for a new one
     * @param evidenceSizes {@code limits.max_evidence_size}
     * @param onEviction    told of each session evicted to make room (for metrics)
     */
    public RcarService(SessionStore sessions, AttestationBackend backend, Clock clock, Duration sessionTimeout,
                       TeePublicKey.KeyPolicy keyPolicy, AuditTrail audit, Function<String, Optional<String>> policyDigest,
                       int maxSessions, EvidenceSizes evidenceSizes, Runnable onEviction) {
        this.maxSessions = maxSessions;
        this.evidenceSizes = evidenceSizes;
        this.onEviction = onEviction;
        this.sessions = sessions;
        this.backend = backend;
        this.clock = clock;
        this.sessionTimeout = sessionTimeout;
        this.keyPolicy = keyPolicy;
        this.audit = audit;
        this.policyDigest = policyDigest;
    }

    /** The outcome of {@code /auth}: the new session and its challenge. */
    public record AuthResult(Session session, Challenge challenge) {
    }

    /** The outcome of {@code /attest}: the (now attested) session and its token. */
    public record AttestResult(Session session, String token) {
    }

    public AuthResult auth(byte[] body) throws KbsApiException {
        JsonNode request = parse(body, "Request");
        String version = text(request, "version", "Request");
        String teeName = text(request, "tee", "Request");
        if (!request.has("extra-params")) {
            throw new RcarException.MalformedMessage(RcarException.authFailed("the Request has no extra-params member"));
        }
        if (!ACCEPTED_VERSION.matcher(version).matches()) {
            throw new RcarException.ProtocolVersionMismatch(version);
        }
        Tee tee = Tee.fromWireName(teeName).orElseThrow(() -> new RcarException.UnknownTee(teeName));
        if (tee.teeClass() != TeeClass.CPU) {
            throw new RcarException.TeeNotAccepted(teeName, ": it is a device TEE, whose evidence travels in additional_evidence"
                    + " next to a CPU TEE's");
        }
        if (!backend.supports(tee)) {
            throw new RcarException.TeeNotAccepted(teeName, refusalHint(tee));
        }
        Instant now = clock.instant();
        Session session = Session.authed(newSessionId(), tee, newNonce(), now.plus(sessionTimeout));
        Admission admission = sessions.admit(session, maxSessions, now);
        if (!admission.stored()) {
            throw new SessionLimitException(maxSessions);
        }
        if (admission.evicted().isPresent()) {
            LOG.debug("session limit {} reached: the oldest unattested session made room", maxSessions);
            onEviction.run();
        }
        return new AuthResult(session, Challenge.withNonce(session.nonce()));
    }

    public AttestResult attest(Optional<String> sessionId, byte[] body) throws KbsApiException {
        if (sessionId.isEmpty()) {
            throw new RcarException.MissingSession();
        }
        JsonNode message = parse(body, "Attestation");
        Instant now = clock.instant();
        Session session = sessions.get(sessionId.get(), now).orElseThrow(RcarException.UnknownSession::new);
        if (session.isAttested()) {
            // as the reference: an attested session answers with its token and ignores the new body
            return new AttestResult(session, session.token().orElseThrow());
        }
        JsonNode runtime = member(message, "runtime-data");
        String nonce = text(runtime, "nonce", "runtime-data");
        if (!nonce.equals(session.nonce())) {
            throw new RcarException.NonceMismatch();
        }
        TeePublicKey teeKey;
        try {
            teeKey = TeePublicKey.fromJson(runtime.get("tee-pubkey"));
            teeKey.toPublicKey(keyPolicy);
        } catch (InvalidTeeKeyException e) {
            throw new RcarException.TeeKeyRefused(e.getMessage());
        }
        Optional<InitData> initData = initData(message.get("init-data"));
        JsonNode evidence = member(message, "tee-evidence");
        JsonNode primary = evidence.get("primary_evidence");
        JsonNode additionalNode = evidence.get("additional_evidence");
        if (primary == null || additionalNode == null || !additionalNode.isTextual()) {
            throw new RcarException.MalformedMessage(RcarException.attestFailed(
                    "tee-evidence needs primary_evidence and additional_evidence (a string)"));
        }
        String additional = additionalNode.textValue();
        evidenceSizes.check(session.tee(), primary);
        Map<Tee, JsonNode> deviceEvidence = devices(additional);
        for (Map.Entry<Tee, JsonNode> device : deviceEvidence.entrySet()) {
            evidenceSizes.check(device.getKey(), device.getValue());
        }
        RuntimeData runtimeData = new RuntimeData(nonce, teeKey);
        HashAlgorithm hash = session.tee() == Tee.SE ? HashAlgorithm.SHA512 : HashAlgorithm.SHA384;

        List<EvidenceSubmission> submissions = new ArrayList<>();
        submissions.add(new EvidenceSubmission(session.tee(), primary, runtimeData.primaryBinding(additional), initData, hash));
        for (Map.Entry<Tee, JsonNode> device : deviceEvidence.entrySet()) {
            submissions.add(new EvidenceSubmission(device.getKey(), device.getValue(), runtimeData.deviceBinding(),
                    Optional.empty(), hash));
        }
        String token;
        Optional<String> keyThumbprint = AuditSubjects.thumbprint(runtime.get("tee-pubkey"));
        try {
            token = backend.attest(submissions);
        } catch (AttestationFailure e) {
            // the session id is the guest's cookie: the log line carries the request id instead
            LOG.info("attestation refused ({}): {}", session.tee(), e.getMessage());
            record(AuditEvent.attestationRejected(session.tee().wireName(), keyThumbprint, e.getMessage()));
            throw new RcarException.EvidenceRejected(e.getMessage(), e);
        }
        JsonNode claims = AuditSubjects.unverifiedClaims(token).orElse(Json.mapper().createObjectNode());
        record(AuditEvent.attestationIssued(session.tee().wireName(), keyThumbprint, AuditSubjects.appraisals(claims, policyDigest)));
        Session stored = sessions.markAttested(session.id(), token, clock.instant())
                .orElseThrow(RcarException.UnknownSession::new);
        return new AttestResult(stored, stored.token().orElseThrow());
    }

    /** Why a CPU TEE without a verifier is refused: never built, or not configured here. */
    private static String refusalHint(Tee tee) {
        return switch (tee) {
            case SAMPLE -> " (the sample TEE proves nothing; it is accepted only by a KBS started with --dev)";
            case TPM -> ": TEE not configured (attestation_service.verifier_config.tpm_verifier with trusted_ak_keys_dir)";
            case CCA -> ": TEE not configured (attestation_service.verifier_config.cca_verifier with ta_store)";
            case SE, CSV -> ": TEE unsupported (coco4j has no verifier for it)";
            default -> ": TEE unsupported here";
        };
    }

    /** A result that cannot be audited does not take effect: the request fails as an internal error. */
    private void record(AuditEvent event) {
        try {
            audit.record(event);
        } catch (AuditException e) {
            throw new IllegalStateException("the attestation result cannot be audited: " + e.getMessage(), e);
        }
    }

    private static Optional<InitData> initData(JsonNode node) throws RcarException {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String format = text(node, "format", "init-data");
        String body = text(node, "body", "init-data");
        if (!InitData.FORMAT_TOML.equals(format)) {
            throw new RcarException.UnsupportedInitData(format);
        }
        return Optional.of(new InitData(format, body));
    }

    /** The additional evidence string: empty, or a JSON object mapping device TEE names to their evidence. */
    private static Map<Tee, JsonNode> devices(String additional) throws RcarException {
        Map<Tee, JsonNode> devices = new java.util.LinkedHashMap<>();
        if (additional.isEmpty()) {
            return devices;
        }
        JsonNode parsed;
        try {
            // a device named twice would let one report hide behind another: refuse duplicates
            parsed = STRICT_JSON.readTree(additional);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RcarException.MalformedMessage(RcarException.attestFailed("additional_evidence is not JSON: " + e.getOriginalMessage()));
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw new RcarException.MalformedMessage(RcarException.attestFailed("additional_evidence is not a JSON object"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Tee tee = Tee.fromWireName(entry.getKey()).orElseThrow(() -> new RcarException.MalformedMessage(
                    RcarException.attestFailed("unknown TEE '" + entry.getKey() + "' in additional_evidence")));
            devices.put(tee, entry.getValue());
        }
        return devices;
    }

    private static JsonNode parse(byte[] body, String what) throws RcarException {
        try {
            JsonNode node = Json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new RcarException.MalformedMessage("the " + what + " message is not a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new RcarException.MalformedMessage("the " + what + " message is not valid JSON");
        }
    }

    private static JsonNode member(JsonNode node, String name) throws RcarException {
        JsonNode member = node.get(name);
        if (member == null || !member.isObject()) {
            throw new RcarException.MalformedMessage("the message needs an object member '" + name + "'");
        }
        return member;
    }

    private static String text(JsonNode node, String name, String where) throws RcarException {
        JsonNode member = node.get(name);
        if (member == null || !member.isTextual()) {
            throw new RcarException.MalformedMessage("the " + where + " needs a string member '" + name + "'");
        }
        return member.textValue();
    }

    private String newNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** A random UUIDv4 in the reference's "simple" form: 32 lowercase hex characters. */
    private String newSessionId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        id[6] = (byte) ((id[6] & 0x0f) | 0x40);
        id[8] = (byte) ((id[8] & 0x3f) | 0x80);
        return HexFormat.of().formatHex(id);
    }

}
