package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.rvps.ReferenceValueProvider;

import java.util.List;

/**
 * Appraises one verified claim set. The input is the annotated evidence of a submod
 * ({@code {"<tee>": {...}, "report_data", "runtime_data_claims", "init_data", "init_data_claims"}});
 * the output is the trust claims and the extensions of its EAR appraisal. Reference values are
 * looked up through the provider given with each evaluation ({@code query_reference_value(id)}).
 */
public interface AttestationPolicyEngine {

    /**
     * Evaluates the policy {@code policyId} (already class-suffixed, e.g. {@code default_cpu}).
     *
     * @throws PolicyNotFoundException when no such policy exists
     * @throws InvalidPolicyOutputException when the policy's output cannot go into an EAR appraisal
     * @throws PolicyEvaluationException when evaluation fails at run time
     */
    PolicyOutcome evaluate(String policyId, ObjectNode input, ReferenceValueProvider referenceValues) throws PolicyException;

    /** Installs or replaces a policy given as its source text. */
    void setPolicy(String policyId, String policyText) throws PolicyException;

    /** The ids of the installed policies, sorted. */
    List<String> policyIds() throws PolicyException;
}
