package io.coco4j.kbs.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One audited decision: an attestation result or a secret release. It names who (TEE type and the
 * RFC 7638 thumbprint of the TEE key), what (the resource path), the decision and the policies that
 * made it, by id and SHA-384 of their text. Never a secret, token, nonce or session id.
 *
 * @param kind     {@code attestation} or {@code resource}
 * @param tee      TEE type, e.g. {@code snp}; {@code unknown} when the token names none
 * @param teeKey   base64url SHA-256 JWK thumbprint of the TEE key
 * @param resource for releases: {@code <plugin>/<path>}, e.g. {@code resource/default/key/1}
 * @param decision attestation: {@code issued} (a token was issued; each policy's appraisal status
 *                 is in {@code policies}) or {@code rejected}; releases: {@code allowed} or {@code denied}
 * @param policies the policies applied
 * @param reason   why an attestation was rejected (the verifier's or policy's message)
 */
public record AuditEvent(String kind, String tee, Optional<String> teeKey, Optional<String> resource, String decision,
                         List<PolicyReference> policies, Optional<String> reason) {

    public static final String ATTESTATION = "attestation";
    public static final String RESOURCE = "resource";

    /**
     * A policy by id, the SHA-384 (hex) of the text applied when known, and for attestation
     * policies the appraisal status it gave ({@code affirming}, {@code warning}, {@code contraindicated}, {@code none}).
     */
    public record PolicyReference(String id, Optional<String> sha384, Optional<String> status) {
        public PolicyReference {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(sha384, "sha384");
            Objects.requireNonNull(status, "status");
        }

        public PolicyReference(String id, Optional<String> sha384) {
            this(id, sha384, Optional.empty());
        }
    }

    public AuditEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tee, "tee");
        Objects.requireNonNull(teeKey, "teeKey");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(decision, "decision");
        policies = List.copyOf(policies);
        Objects.requireNonNull(reason, "reason");
    }

    /** A token was issued after the given policies appraised the evidence. */
    public static AuditEvent attestationIssued(String tee, Optional<String> teeKey, List<PolicyReference> policies) {
        return new AuditEvent(ATTESTATION, tee, teeKey, Optional.empty(), "issued", policies, Optional.empty());
    }

    /** The evidence was refused (verification, policy or init-data failed). */
    public static AuditEvent attestationRejected(String tee, Optional<String> teeKey, String reason) {
        return new AuditEvent(ATTESTATION, tee, teeKey, Optional.empty(), "rejected", List.of(), Optional.of(reason));
    }

    public static AuditEvent release(String tee, Optional<String> teeKey, String resource, boolean allowed, PolicyReference policy) {
        return new AuditEvent(RESOURCE, tee, teeKey, Optional.of(resource), allowed ? "allowed" : "denied", List.of(policy),
                Optional.empty());
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("kind", kind);
        node.put("tee", tee);
        teeKey.ifPresent(k -> node.put("tee_key", k));
        resource.ifPresent(r -> node.put("resource", r));
        node.put("decision", decision);
        ArrayNode list = node.putArray("policies");
        for (PolicyReference policy : policies) {
            ObjectNode p = list.addObject();
            p.put("id", policy.id());
            policy.sha384().ifPresent(h -> p.put("sha384", h));
            policy.status().ifPresent(st -> p.put("status", st));
        }
        reason.ifPresent(r -> node.put("reason", r));
        return node;
    }
}
