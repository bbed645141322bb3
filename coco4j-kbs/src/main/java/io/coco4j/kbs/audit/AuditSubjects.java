package io.coco4j.kbs.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ThumbprintUtils;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.Tee;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What the audit log says about a subject, read from the TEE key and the EAR token claims. */
public final class AuditSubjects {

    private AuditSubjects() {
    }

    /** The members RFC 7638 hashes, per key type (RFC 7638 section 3.2, RFC 8037 for OKP). */
    private static final Map<String, List<String>> THUMBPRINT_MEMBERS = Map.of(
            "EC", List.of("crv", "kty", "x", "y"),
            "RSA", List.of("e", "kty", "n"),
            "OKP", List.of("crv", "kty", "x"),
            "oct", List.of("k", "kty"));

    /**
     * The RFC 7638 SHA-256 thumbprint (base64url) of a JWK; empty when it is not a JWK. Only the
     * required members are read (parsing the whole key first cost more than the rest of the audit record).
     */
    public static Optional<String> thumbprint(JsonNode jwk) {
        if (jwk == null || !jwk.isObject()) {
            return Optional.empty();
        }
        List<String> names = THUMBPRINT_MEMBERS.get(jwk.path("kty").asText(""));
        if (names == null) {
            return Optional.empty();
        }
        LinkedHashMap<String, String> members = new LinkedHashMap<>();
        for (String name : names) {
            JsonNode value = jwk.get(name);
            if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
                return Optional.empty();
            }
            members.put(name, value.textValue());
        }
        try {
            return Optional.of(ThumbprintUtils.compute("SHA-256", members).toString());
        } catch (JOSEException e) {
            return Optional.empty();
        }
    }

    /** The TEE of a token's primary submod ({@code cpu0}): the TEE name among its annotated-evidence members. */
    public static String tee(JsonNode claims) {
        JsonNode submods = claims.path("submods");
        JsonNode primary = submods.has("cpu0") ? submods.get("cpu0") : firstValue(submods);
        if (primary != null) {
            for (Iterator<String> names = primary.path("ear.veraison.annotated-evidence").fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (Tee.fromWireName(name).isPresent()) {
                    return name;
                }
            }
        }
        return "unknown";
    }

    private static JsonNode firstValue(JsonNode node) {
        Iterator<JsonNode> values = node.elements();
        return values.hasNext() ? values.next() : null;
    }

    /** The claims of a compact JWS the KBS itself just received from its attestation service (not verified here). */
    public static Optional<JsonNode> unverifiedClaims(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.readTree(Base64.getUrlDecoder().decode(parts[1])));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The attestation policies a token's submods name ({@code ear.appraisal-policy-id} plus the
     * submod's class, e.g. {@code default_cpu}), with the status each gave and the SHA-384 of the
     * policy text from {@code policyDigest}.
     */
    public static List<AuditEvent.PolicyReference> appraisals(JsonNode claims, Function<String, Optional<String>> policyDigest) {
        List<AuditEvent.PolicyReference> policies = new ArrayList<>();
        for (Map.Entry<String, JsonNode> submod : claims.path("submods").properties()) {
            String teeClass = submod.getKey().replaceAll("[0-9]+$", "");
            String id = submod.getValue().path("ear.appraisal-policy-id").asText("") + "_" + teeClass;
            String status = submod.getValue().path("ear.status").asText("");
            policies.add(new AuditEvent.PolicyReference(id, policyDigest.apply(id),
                    status.isEmpty() ? Optional.empty() : Optional.of(status)));
        }
        return policies;
    }
}
