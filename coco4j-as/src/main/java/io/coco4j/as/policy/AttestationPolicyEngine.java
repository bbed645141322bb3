package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Appraises one verified claim set. The input is the annotated evidence of a submod
 * ({@code {"<tee>": {...}, "report_data", "runtime_data_claims", "init_data", "init_data_claims"}});
 * the output is the trust claims and the extensions of its EAR appraisal.
 */
public interface AttestationPolicyEngine {

    /**
     * Evaluates the policy {@code policyId} (already class-suffixed, e.g. {@code default_cpu}).
     *
     * @throws PolicyNotFoundException when no such policy exists
     * @throws InvalidPolicyOutputException when the policy's output cannot go into an EAR appraisal
     * @throws PolicyEvaluationException when evaluation fails at run time
     */
    PolicyOutcome evaluate(String policyId, ObjectNode input) throws PolicyException;

    /**
     * Validates and installs (or replaces) a policy given as its source text; a policy that does
     * not compile is refused and the previous one stays in force.
     *
     * @throws PolicyCompileException naming file, line and column of each problem
     */
    void setPolicy(String policyId, String policyText) throws PolicyException;

    /** The ids of the installed policies, sorted. */
    List<String> policyIds() throws PolicyException;
}
