package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.rvps.ReferenceValueProvider;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The attestation policy engine until Rego policies are supported: the reference's bundled
 * {@code default_cpu} and {@code default_gpu} policies, written in Java. Uploading a policy is
 * refused rather than accepted and ignored.
 */
public final class BuiltinPolicyEngine implements AttestationPolicyEngine {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinPolicyEngine.class);
    public static final String REGO_NOT_SUPPORTED = "Rego policies not supported yet";

    private final Map<String, BuiltinPolicy> policies = new TreeMap<>();

    public BuiltinPolicyEngine() {
        for (BuiltinPolicy policy : List.of(new DefaultCpuPolicy(), new DefaultGpuPolicy())) {
            policies.put(policy.id(), policy);
        }
    }

    /**
     * The engine for a service whose policies live in {@code storage}; policies stored there (for
     * instance by a reference deployment) cannot be run yet, and are reported once at start-up.
     */
    public static BuiltinPolicyEngine forStorage(StorageBackend storage) throws StorageException {
        KeyValueStore store = storage.namespace(Namespace.ATTESTATION_SERVICE_POLICY);
        List<String> stored = store.keys();
        if (!stored.isEmpty()) {
            LOG.warn("{} stored attestation policy file(s) are not used until Rego policies are supported: {}", stored.size(), stored);
        }
        return new BuiltinPolicyEngine();
    }

    @Override
    public PolicyOutcome evaluate(String policyId, ObjectNode input, ReferenceValueProvider referenceValues) throws PolicyException {
        BuiltinPolicy policy = policies.get(policyId);
        if (policy == null) {
            throw new PolicyNotFoundException("attestation policy '" + policyId + "' does not exist (available: "
                    + String.join(", ", policies.keySet()) + ")");
        }
        return policy.evaluate(input, referenceValues);
    }

    @Override
    public void setPolicy(String policyId, String policyText) throws PolicyException {
        throw new UnsupportedPolicyException(REGO_NOT_SUPPORTED);
    }

    @Override
    public List<String> policyIds() {
        return List.copyOf(policies.keySet());
    }
}
