package io.coco4j.as;

import io.coco4j.as.policy.PolicyException;

/** The attestation policy of a submod failed; {@link #failure()} is the engine's specific error. */
public final class AttestationPolicyException extends AttestationException {

    private final String policyId;
    private final PolicyException failure;

    public AttestationPolicyException(String policyId, PolicyException failure) {
        super("attestation policy '" + policyId + "' failed: " + failure.getMessage(), failure);
        this.policyId = policyId;
        this.failure = failure;
    }

    public AttestationPolicyException(String policyId, String message) {
        super("attestation policy '" + policyId + "' failed: " + message);
        this.policyId = policyId;
        this.failure = null;
    }

    /** The class-suffixed policy id that was evaluated, e.g. {@code default_cpu}. */
    public String policyId() {
        return policyId;
    }

    /** The engine's error, or null when the outcome itself was refused. */
    public PolicyException failure() {
        return failure;
    }

    @Override
    public Kind kind() {
        return Kind.POLICY;
    }
}
