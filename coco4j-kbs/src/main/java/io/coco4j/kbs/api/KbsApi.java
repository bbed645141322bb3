package io.coco4j.kbs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.attestation.AttestationBackend;
import io.coco4j.kbs.audit.AuditEvent;
import io.coco4j.kbs.audit.AuditException;
import io.coco4j.kbs.audit.AuditSubjects;
import io.coco4j.kbs.audit.AuditTrail;
import io.coco4j.kbs.attestation.PolicyFailure;
import io.coco4j.kbs.attestation.ReferenceValueFailure;
import io.coco4j.kbs.plugin.KbsPlugin;
import io.coco4j.kbs.plugin.PluginRequest;
import io.coco4j.kbs.policy.InvalidPolicyException;
import io.coco4j.kbs.policy.PolicyLimitExceededException;
import io.coco4j.kbs.policy.ResourcePolicy;
import io.coco4j.kbs.policy.ResourcePolicyStore;
import io.coco4j.storage.StorageException;
import io.coco4j.kbs.rcar.RcarService;
import io.coco4j.kbs.session.Session;
import io.coco4j.kbs.session.SessionStore;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.jose.InvalidTeeKeyException;
import io.coco4j.protocol.jose.JweException;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceEncryptor;
import io.coco4j.protocol.jose.TeePublicKey;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.AttestationResponse;
import io.coco4j.protocol.rcar.KbsProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The KBS API below {@code /kbs/v0/}, independent of the HTTP server: the reference's dispatcher
 * (built-in endpoints first, then plugins by name), admin and attestation gates, the resource
 * policy and the JWE encryption of plugin output.
 */
public final class KbsApi {

    private static final Logger LOG = LoggerFactory.getLogger(KbsApi.class);
    private static final DateTimeFormatter COOKIE_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final RcarService rcar;
    private final SessionStore sessions;
    private final AttestationBackend attestation;
    private final Map<String, KbsPlugin> plugins;
    private final AdminGate admin;
    private final TokenValidator tokens;
    private final TeeKeyLocator teeKeys;
    private final ResourcePolicyStore resourcePolicies;
    private final TeePublicKey.KeyPolicy keyPolicy;
    private final ResourceEncryptor encryptor = new ResourceEncryptor();
    private final Clock clock;
    private final boolean secureCookies;
    private final AuditTrail audit;

    private KbsApi(Builder b) {
        this.rcar = b.rcar;
        this.sessions = b.sessions;
        this.attestation = b.attestation;
        this.plugins = Map.copyOf(b.plugins);
        this.admin = b.admin;
        this.tokens = b.tokens;
        this.teeKeys = b.teeKeys;
        this.resourcePolicies = b.resourcePolicies;
        this.keyPolicy = b.keyPolicy;
        this.clock = b.clock;
        this.secureCookies = b.secureCookies;
        this.audit = b.audit;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ApiResponse handle(ApiRequest request) throws KbsApiException {
        String method = request.method();
        switch (request.name()) {
            case "auth":
                if (method.equals("POST")) {
                    return auth(request);
                }
                break;
            case "attest":
                if (method.equals("POST")) {
                    return attest(request);
                }
                break;
            case "attestation-policy":
                if (method.equals("POST")) {
                    admin.check(request);
                    return setAttestationPolicy(request);
                }
                break;
            case "reference-value":
                if (method.equals("POST") || method.equals("GET")) {
                    admin.check(request);
                    return method.equals("POST") ? registerReferenceValues(request) : referenceValue(request);
                }
                break;
            case "resource-policy":
                if (method.equals("POST") || method.equals("GET")) {
                    admin.check(request);
                    return method.equals("POST") ? setResourcePolicy(request) : listResourcePolicies();
                }
                break;
            default:
                break;
        }
        return plugin(request);
    }

    private ApiResponse auth(ApiRequest request) throws KbsApiException {
        RcarService.AuthResult result = rcar.auth(request.body());
        return ApiResponse.json(Json.writeBytes(result.challenge())).withCookie(cookie(result.session()));
    }

    private ApiResponse attest(ApiRequest request) throws KbsApiException {
        RcarService.AttestResult result = rcar.attest(request.sessionCookie(), request.body());
        return ApiResponse.json(Json.writeBytes(new AttestationResponse(result.token()))).withCookie(cookie(result.session()));
    }

    private String cookie(Session session) {
        String cookie = KbsProtocol.SESSION_COOKIE + "=" + session.id() + "; Expires=" + COOKIE_DATE.format(session.expiresAt());
        // never Secure on plain HTTP: the guest's cookie jar would then drop it
        return secureCookies ? cookie + "; Secure; HttpOnly; SameSite=Strict" : cookie;
    }

    private ApiResponse setAttestationPolicy(ApiRequest request) throws KbsApiException {
        JsonNode body = adminJson(request);
        String policyId = body.path("policy_id").asText("");
        if (policyId.isEmpty()) {
            throw new KbsApiException(KbsErrorType.INVALID_ADMIN_PAYLOAD, "the policy upload needs a policy_id");
        }
        String text = policyText(body);
        try {
            attestation.setPolicy(policyId, text);
        } catch (PolicyFailure e) {
            throw new KbsApiException(KbsErrorType.POLICY_ENGINE_ERROR, e.getMessage(), e);
        }
        return ApiResponse.empty();
    }

    private ApiResponse registerReferenceValues(ApiRequest request) throws KbsApiException {
        String message = new String(request.body(), StandardCharsets.UTF_8);
        try {
            attestation.registerReferenceValues(message);
        } catch (ReferenceValueFailure e) {
            throw new KbsApiException(KbsErrorType.RVPS_ERROR, e.getMessage(), e);
        }
        return new ApiResponse(200, ApiResponse.JSON, new byte[0], Optional.empty());
    }

    /** The id is the rest of the path, slashes included, as the reference reads it. */
    private ApiResponse referenceValue(ApiRequest request) throws KbsApiException {
        String id = String.join("/", request.path());
        try {
            JsonNode value = attestation.referenceValue(id).orElseThrow(() -> new KbsApiException(KbsErrorType.RVPS_ERROR,
                    "No reference value found for the given id: " + id));
            return ApiResponse.json(Json.writeBytes(value));
        } catch (ReferenceValueFailure e) {
            throw new KbsApiException(KbsErrorType.RVPS_ERROR, e.getMessage(), e);
        }
    }

    private ApiResponse setResourcePolicy(ApiRequest request) throws KbsApiException {
        String text = policyText(adminJson(request));
        try {
            resourcePolicies.set(text);
        } catch (InvalidPolicyException e) {
            throw new KbsApiException(KbsErrorType.POLICY_ENGINE_ERROR, e.getMessage(), e);
        } catch (StorageException e) {
            throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR, "cannot store the resource policy: " + e.getMessage(), e);
        }
        return ApiResponse.empty();
    }

    private ApiResponse listResourcePolicies() throws KbsApiException {
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        try {
            resourcePolicies.ids().forEach(ids::add);
        } catch (StorageException e) {
            throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR, "cannot list resource policies: " + e.getMessage(), e);
        }
        return ApiResponse.json(Json.writeBytes(ids));
    }

    private static JsonNode adminJson(ApiRequest request) throws KbsApiException {
        try {
            JsonNode node = Json.readTree(request.body());
            if (node == null || !node.isObject()) {
                throw new KbsApiException(KbsErrorType.INVALID_ADMIN_PAYLOAD, "the request body is not a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw new KbsApiException(KbsErrorType.INVALID_ADMIN_PAYLOAD, "the request body is not valid JSON");
        }
    }

    /** The {@code policy} member: Rego text as base64url without padding, strictly, as the reference. */
    private static String policyText(JsonNode body) throws KbsApiException {
        JsonNode policy = body.get("policy");
        if (policy == null || !policy.isTextual()) {
            throw new KbsApiException(KbsErrorType.INVALID_ADMIN_PAYLOAD, "the policy upload needs a string member 'policy'");
        }
        String encoded = policy.textValue();
        if (encoded.indexOf('=') >= 0) {
            throw new KbsApiException(KbsErrorType.INVALID_ADMIN_PAYLOAD, "policy must be base64url without padding");
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(encoded);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException e) {
            throw new KbsApiException(KbsErrorType.INVALID_ADMIN_PAYLOAD, "policy is not base64url");
        } catch (CharacterCodingException e) {
            throw new KbsApiException(KbsErrorType.INVALID_ADMIN_PAYLOAD, "policy is not UTF-8 text");
        }
    }

    private ApiResponse plugin(ApiRequest request) throws KbsApiException {
        KbsPlugin plugin = plugins.get(request.name());
        if (plugin == null) {
            throw new KbsApiException(KbsErrorType.PLUGIN_NOT_FOUND, "no plugin '" + request.name() + "' for "
                    + request.method() + " " + request.pathAndQuery());
        }
        PluginRequest pluginRequest = new PluginRequest(request.method(), request.path(), request.query(), request.body(), Optional.empty());
        if (plugin.requiresAdmin(pluginRequest)) {
            try {
                admin.check(request);
            } catch (KbsApiException e) {
                // the reference reports admin failures on plugin paths under this variant
                throw new KbsApiException(KbsErrorType.ADMIN_AUTH_INITIALIZATION, e.getMessage(), e);
            }
            return output(plugin.handle(pluginRequest), Optional.empty(), false);
        }
        JsonNode claims = tokens.verify(token(request));
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("plugin", request.name());
        ArrayNode path = data.putArray("resource-path");
        request.path().forEach(path::add);
        ObjectNode query = data.putObject("query");
        request.query().forEach(query::put);
        ResourcePolicy policy = resourcePolicies.current();
        String resource = request.name() + "/" + String.join("/", request.path());
        if (!allows(policy, claims, data)) {
            record(release(claims, resource, false, policy));
            throw new KbsApiException(KbsErrorType.POLICY_DENY, "Access denied by policy");
        }
        JsonNode initDataClaims = claims.at("/submods/cpu0/ear.veraison.annotated-evidence/init_data_claims");
        PluginRequest attested = new PluginRequest(request.method(), request.path(), request.query(), request.body(),
                initDataClaims.isMissingNode() ? Optional.empty() : Optional.of(initDataClaims));
        byte[] released = plugin.handle(attested);
        // recorded once the plugin has the secret and before it leaves: no record, no release
        record(release(claims, resource, true, policy));
        return output(released, Optional.of(claims), plugin.encryptsResponse(attested));
    }

    private static boolean allows(ResourcePolicy policy, JsonNode claims, JsonNode data) throws PolicyStoppedException {
        try {
            return policy.allows(claims, data);
        } catch (PolicyLimitExceededException e) {
            throw new PolicyStoppedException(e);
        }
    }

    private AuditEvent release(JsonNode claims, String resource, boolean allowed, ResourcePolicy policy) {
        Optional<String> key = teeKeys.locate(claims).flatMap(AuditSubjects::thumbprint);
        return AuditEvent.release(AuditSubjects.tee(claims), key, resource, allowed,
                new AuditEvent.PolicyReference(policy.policyName(), policy.textSha384()));
    }

    private void record(AuditEvent event) throws KbsApiException {
        try {
            audit.record(event);
        } catch (AuditException e) {
            LOG.error("refusing a resource request that cannot be audited: {}", e.getMessage());
            throw new KbsApiException(KbsErrorType.PLUGIN_INTERNAL_ERROR, "the request cannot be audited; nothing was released", e);
        }
    }

    private ApiResponse output(byte[] body, Optional<JsonNode> claims, boolean encrypt) throws KbsApiException {
        if (!encrypt) {
            return new ApiResponse(200, ApiResponse.REFERENCE_PLAIN, body, Optional.empty());
        }
        JsonNode keyNode = teeKeys.locate(claims.orElseThrow()).orElseThrow(() ->
                new KbsApiException(KbsErrorType.TOKEN_VERIFIER_ERROR, "the token carries no tee-pubkey"));
        try {
            TeePublicKey key = TeePublicKey.fromJson(keyNode);
            JweResponse jwe = encryptor.encrypt(body, key, keyPolicy);
            return ApiResponse.json(Json.writeBytes(jwe));
        } catch (InvalidTeeKeyException e) {
            throw new KbsApiException(KbsErrorType.TOKEN_VERIFIER_ERROR, "the token's tee-pubkey is unusable: " + e.getMessage(), e);
        } catch (JweException e) {
            throw new KbsApiException(KbsErrorType.JWE_ERROR, e.getMessage(), e);
        }
    }

    /** The token: first the attested session's, then {@code Authorization: Bearer}. */
    private String token(ApiRequest request) throws KbsApiException {
        if (request.sessionCookie().isPresent()) {
            Optional<Session> session = sessions.get(request.sessionCookie().get(), clock.instant());
            if (session.isPresent() && session.get().isAttested()) {
                return session.get().token().orElseThrow();
            }
        }
        if (request.authorization().isPresent()) {
            String header = request.authorization().get();
            if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
                return header.substring(7).trim();
            }
        }
        throw new KbsApiException(KbsErrorType.TOKEN_NOT_FOUND,
                "no attestation token: attest first (session cookie) or send Authorization: Bearer <token>");
    }

    public static final class Builder {
        private RcarService rcar;
        private SessionStore sessions;
        private AttestationBackend attestation;
        private final Map<String, KbsPlugin> plugins = new java.util.HashMap<>();
        private AdminGate admin;
        private TokenValidator tokens;
        private TeeKeyLocator teeKeys;
        private ResourcePolicyStore resourcePolicies;
        private TeePublicKey.KeyPolicy keyPolicy = TeePublicKey.KeyPolicy.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private boolean secureCookies;
        private AuditTrail audit = AuditTrail.NONE;

        /** Where secret releases are recorded before they happen (default: nowhere). */
        public Builder audit(AuditTrail audit) {
            this.audit = audit;
            return this;
        }

        public Builder rcar(RcarService rcar, SessionStore sessions) {
            this.rcar = rcar;
            this.sessions = sessions;
            return this;
        }

        public Builder attestation(AttestationBackend attestation) {
            this.attestation = attestation;
            return this;
        }

        public Builder plugin(KbsPlugin plugin) {
            plugins.put(plugin.name(), plugin);
            return this;
        }

        public Builder admin(AdminGate admin) {
            this.admin = admin;
            return this;
        }

        public Builder tokens(TokenValidator tokens, TeeKeyLocator teeKeys) {
            this.tokens = tokens;
            this.teeKeys = teeKeys;
            return this;
        }

        public Builder resourcePolicies(ResourcePolicyStore resourcePolicies) {
            this.resourcePolicies = resourcePolicies;
            return this;
        }

        public Builder keyPolicy(TeePublicKey.KeyPolicy keyPolicy) {
            this.keyPolicy = keyPolicy;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder secureCookies(boolean secureCookies) {
            this.secureCookies = secureCookies;
            return this;
        }

        public KbsApi build() {
            java.util.Objects.requireNonNull(rcar, "rcar");
            java.util.Objects.requireNonNull(attestation, "attestation");
            java.util.Objects.requireNonNull(admin, "admin");
            java.util.Objects.requireNonNull(tokens, "tokens");
            java.util.Objects.requireNonNull(resourcePolicies, "resourcePolicies");
            return new KbsApi(this);
        }
    }
}
