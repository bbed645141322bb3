package io.coco4j.kbs.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.attestation.AttestationBackend;
import io.coco4j.kbs.attestation.AttestationFailure;
import io.coco4j.kbs.attestation.EvidenceSubmission;
import io.coco4j.kbs.attestation.PolicyFailure;
import io.coco4j.kbs.attestation.ReferenceValueFailure;
import io.coco4j.kbs.audit.AuditEvent;
import io.coco4j.kbs.audit.AuditSubjects;
import io.coco4j.kbs.limits.Limit;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.RegoException;

import java.util.List;
import java.util.Optional;

/**
 * An attestation backend whose evaluations are counted and timed by primary TEE, with the status
 * each attestation policy gave in the issued token, and attestation policies stopped by an
 * evaluation bound counted as {@code policy_evaluation} limit hits.
 */
public final class MeteredAttestationBackend implements AttestationBackend {

    private final AttestationBackend backend;
    private final KbsMetrics metrics;

    public MeteredAttestationBackend(AttestationBackend backend, KbsMetrics metrics) {
        this.backend = backend;
        this.metrics = metrics;
    }

    @Override
    public boolean supports(Tee tee) {
        return backend.supports(tee);
    }

    @Override
    public String attest(List<EvidenceSubmission> evidence) throws AttestationFailure {
        Tee primary = evidence.get(0).tee();
        long start = System.nanoTime();
        String token;
        try {
            token = backend.attest(evidence);
        } catch (AttestationFailure | RuntimeException e) {
            metrics.attestation(primary, false, System.nanoTime() - start);
            if (stoppedByLimit(e)) {
                metrics.limitHit(Limit.POLICY_EVALUATION);
            }
            throw e;
        }
        metrics.attestation(primary, true, System.nanoTime() - start);
        AuditSubjects.unverifiedClaims(token).ifPresent(claims -> {
            for (AuditEvent.PolicyReference appraisal : AuditSubjects.appraisals(claims, id -> Optional.empty())) {
                metrics.attestationPolicyResult(appraisal.id(), appraisal.status().orElse("none"));
            }
        });
        return token;
    }

    private static boolean stoppedByLimit(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RegoException rego && rego.code() == ErrorCode.EVAL_LIMIT) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void setPolicy(String policyId, String policyText) throws PolicyFailure {
        backend.setPolicy(policyId, policyText);
    }

    @Override
    public void registerReferenceValues(String message) throws ReferenceValueFailure {
        backend.registerReferenceValues(message);
    }

    @Override
    public Optional<JsonNode> referenceValue(String id) throws ReferenceValueFailure {
        return backend.referenceValue(id);
    }

    @Override
    public Optional<ObjectNode> jwks() {
        return backend.jwks();
    }
}
