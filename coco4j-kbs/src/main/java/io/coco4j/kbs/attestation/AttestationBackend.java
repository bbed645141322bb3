package io.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.Tee;

import java.util.List;

/** The attestation service as the KBS sees it: built into the process, or remote over gRPC. */
public interface AttestationBackend {

    /** Whether this backend can verify the TEE (checked at {@code /auth}, so guests fail early). */
    boolean supports(Tee tee);

    /**
     * Verifies the evidence and returns the signed attestation token.
     *
     * @throws AttestationFailure naming what failed (verification, policy, init-data), never a secret
     */
    String attest(List<EvidenceSubmission> evidence) throws AttestationFailure;

    /** Stores an attestation policy under {@code policyId}, after validating it. */
    void setPolicy(String policyId, String policyText) throws PolicyFailure;

    /** Registers an RVPS message ({@code {"version","type","payload"}}); all its values or none. */
    void registerReferenceValues(String message) throws ReferenceValueFailure;

    /** The stored value of a reference value, if any (expired values are absent). */
    java.util.Optional<com.fasterxml.jackson.databind.JsonNode> referenceValue(String id) throws ReferenceValueFailure;

    /** The token-signing keys as a JWK set ({@code GET /.well-known/jwks.json}); empty when the AS publishes them itself. */
    java.util.Optional<ObjectNode> jwks();
}
