package io.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.as.AttestationException;
import io.coco4j.as.AttestationService;
import io.coco4j.as.InitDataInput;
import io.coco4j.as.RuntimeDataInput;
import io.coco4j.as.VerificationRequest;
import io.coco4j.as.policy.PolicyException;
import io.coco4j.protocol.tee.Tee;
import io.coco4j.rvps.RvpsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The attestation service running in the KBS process ({@code type = "coco_as_builtin"}). */
public final class BuiltinAttestationBackend implements AttestationBackend {

    /** The KBS always asks for policy id {@code default}; the AS appends the evidence class. */
    private static final List<String> POLICY_IDS = List.of("default");

    private final AttestationService service;

    public BuiltinAttestationBackend(AttestationService service) {
        this.service = service;
    }

    public AttestationService service() {
        return service;
    }

    @Override
    public boolean supports(Tee tee) {
        return service.verifiers().supports(tee);
    }

    @Override
    public String attest(List<EvidenceSubmission> evidence) throws AttestationFailure {
        List<VerificationRequest> requests = new ArrayList<>(evidence.size());
        for (EvidenceSubmission submission : evidence) {
            requests.add(new VerificationRequest(submission.tee(), submission.evidence(),
                    RuntimeDataInput.structured(submission.runtimeData()),
                    submission.initData().<InitDataInput>map(i -> InitDataInput.toml(i.body())).orElse(InitDataInput.NONE),
                    submission.hashAlgorithm()));
        }
        try {
            return service.evaluate(requests, POLICY_IDS);
        } catch (AttestationException e) {
            throw new AttestationFailure(e.getMessage(), e);
        }
    }

    @Override
    public void setPolicy(String policyId, String policyText) throws PolicyFailure {
        try {
            service.setPolicy(policyId, policyText);
        } catch (PolicyException e) {
            throw new PolicyFailure(e.getMessage(), e);
        }
    }

    @Override
    public void registerReferenceValues(String message) throws ReferenceValueFailure {
        try {
            service.referenceValues().register(message);
        } catch (RvpsException e) {
            throw new ReferenceValueFailure(e.getMessage(), e);
        }
    }

    @Override
    public Optional<JsonNode> referenceValue(String id) throws ReferenceValueFailure {
        try {
            return service.referenceValues().query(id);
        } catch (RvpsException e) {
            throw new ReferenceValueFailure(e.getMessage(), e);
        }
    }

    @Override
    public Optional<ObjectNode> jwks() {
        return Optional.of(service.jwks());
    }
}
