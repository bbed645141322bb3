package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.rego.Compatibility;
import io.coco4j.rego.Limits;
import io.coco4j.rego.PolicySource;
import io.coco4j.rego.PreparedPolicy;
import io.coco4j.rego.RegoEngine;
import io.coco4j.rego.RegoError;
import io.coco4j.rego.RegoException;
import io.coco4j.rego.RuleResult;
import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.NullValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import io.coco4j.rvps.ReferenceValueProvider;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attestation policies in Rego, stored as {@code <id>.rego} in the {@code attestation_service_policy}
 * namespace, evaluated in-process. The bundled {@code default_cpu} and {@code default_gpu} policies are
 * installed when absent (an operator's replacement survives restarts). {@code query_reference_value(id)}
 * reads the RVPS, once per id and evaluation (both rules of one evaluation see the same values, and a
 * policy that asks for an id many times costs one lookup); a lookup that fails fails the evaluation
 * rather than counting as "no value".
 */
public final class RegoAttestationPolicyEngine implements AttestationPolicyEngine {

    static final List<String> BUNDLED = List.of("default_cpu", "default_gpu");
    private static final String SUFFIX = ".rego";
    /** 50 million steps, depth 1000, 2 s: generous for real policies, fatal to runaway ones. */
    public static final Limits DEFAULT_LIMITS = Limits.DEFAULT.withTimeLimit(Duration.ofSeconds(2));
    private static final List<String> OUTPUTS = List.of("data.policy.trust_claims", "data.policy.extensions");

    private final KeyValueStore store;
    private final RegoEngine engine;
    /** The reference values looked up during the evaluation running on this thread, by id. */
    private final ThreadLocal<Map<String, Value>> lookups = new ThreadLocal<>();
    /** Compiled policies by id, with the text they were compiled from (recompiled when the text changes). */
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    private record Compiled(String text, PreparedPolicy policy) {
    }

    private RegoAttestationPolicyEngine(KeyValueStore store, ReferenceValueProvider referenceValues, Limits limits) {
        this.store = store;
        this.engine = RegoEngine.builder()
                .regoVersion(RegoVersion.V1)
                .compatibility(Compatibility.REGORUS) // the engine the reference AS embeds
                .limits(limits)
                .hostFunction("query_reference_value", 1, args -> cachedLookup(referenceValues, args.get(0)))
                .build();
    }

    /** The engine over {@code storage}, with the bundled policies installed where none is stored. */
    public static RegoAttestationPolicyEngine create(StorageBackend storage, ReferenceValueProvider referenceValues)
            throws StorageException {
        return create(storage, referenceValues, DEFAULT_LIMITS);
    }

    /** As {@link #create(StorageBackend, ReferenceValueProvider)}, each evaluation bounded by {@code limits}. */
    public static RegoAttestationPolicyEngine create(StorageBackend storage, ReferenceValueProvider referenceValues, Limits limits)
            throws StorageException {
        KeyValueStore store = storage.namespace(Namespace.ATTESTATION_SERVICE_POLICY);
        for (String id : BUNDLED) {
            store.putIfAbsent(id + SUFFIX, bundled(id).getBytes(StandardCharsets.UTF_8));
        }
        return new RegoAttestationPolicyEngine(store, referenceValues, limits);
    }

    /** The text of a policy shipped with coco4j. */
    public static String bundled(String id) {
        try (InputStream in = RegoAttestationPolicyEngine.class.getResourceAsStream(id + SUFFIX)) {
            if (in == null) {
                throw new IllegalStateException("no bundled policy " + id);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Value cachedLookup(ReferenceValueProvider referenceValues, Value id) throws Exception {
        if (!(id instanceof StringValue name)) {
            throw new IllegalArgumentException("query_reference_value expects a string id");
        }
        Map<String, Value> cache = lookups.get();
        Value known = cache == null ? null : cache.get(name.value());
        if (known != null) {
            return known;
        }
        Optional<JsonNode> value = referenceValues.query(name.value());
        Value result = value.map(Json::fromNode).orElse(NullValue.INSTANCE);
        if (cache != null) {
            cache.put(name.value(), result);
        }
        return result;
    }

    @Override
    public PolicyOutcome evaluate(String policyId, ObjectNode input) throws PolicyException {
        PreparedPolicy policy = policy(policyId);
        Value inputValue = Json.fromNode(input);
        lookups.set(new HashMap<>());
        try {
            // one evaluation for both rules, so rules they share are computed once
            List<RuleResult> results = policy.evaluation().input(inputValue).data(ObjectValue.EMPTY).rules(OUTPUTS);
            return PolicyOutcome.fromRuleValues(node(results.get(0)), node(results.get(1)));
        } catch (RegoException e) {
            throw new PolicyEvaluationException("policy '" + policyId + "' failed: " + describe(e.errors()), e);
        } finally {
            lookups.remove();
        }
    }

    private static JsonNode node(RuleResult result) {
        return result.valueIfDefined().map(Json::toNode).orElse(null);
    }

    private PreparedPolicy policy(String policyId) throws PolicyException {
        String text;
        try {
            text = store.get(policyId + SUFFIX).map(b -> new String(b, StandardCharsets.UTF_8))
                    .orElseThrow(() -> new PolicyNotFoundException("no attestation policy '" + policyId + "' (installed: "
                            + String.join(", ", policyIdsOrEmpty()) + ")"));
        } catch (StorageException e) {
            throw new PolicyEvaluationException("cannot read policy '" + policyId + "': " + e.getMessage(), e);
        }
        Compiled cached = compiled.get(policyId);
        if (cached != null && cached.text().equals(text)) {
            return cached.policy();
        }
        PreparedPolicy prepared = prepare(policyId, text);
        compiled.put(policyId, new Compiled(text, prepared));
        return prepared;
    }

    private PreparedPolicy prepare(String policyId, String text) throws PolicyCompileException {
        try {
            return engine.prepare(new PolicySource(policyId + SUFFIX, text));
        } catch (RegoException e) {
            List<String> problems = new ArrayList<>();
            for (RegoError error : e.errors()) {
                problems.add(error.toString());
            }
            throw new PolicyCompileException(policyId, problems);
        }
    }

    @Override
    public void setPolicy(String policyId, String policyText) throws PolicyException {
        if (!policyId.matches("[A-Za-z0-9_.-]+")) {
            throw new PolicyException("invalid policy id '" + policyId + "' (letters, digits, '_', '.', '-')");
        }
        PreparedPolicy prepared = prepare(policyId, policyText);
        try {
            store.put(policyId + SUFFIX, policyText.getBytes(StandardCharsets.UTF_8));
        } catch (StorageException e) {
            throw new PolicyException("cannot store policy '" + policyId + "': " + e.getMessage(), e);
        }
        compiled.put(policyId, new Compiled(policyText, prepared));
    }

    @Override
    public List<String> policyIds() throws PolicyException {
        try {
            List<String> ids = new ArrayList<>();
            for (String key : store.keys()) {
                if (key.endsWith(SUFFIX)) {
                    ids.add(key.substring(0, key.length() - SUFFIX.length()));
                }
            }
            return ids;
        } catch (StorageException e) {
            throw new PolicyException("cannot list policies: " + e.getMessage(), e);
        }
    }

    private List<String> policyIdsOrEmpty() {
        try {
            return policyIds();
        } catch (PolicyException e) {
            return List.of();
        }
    }

    private static String describe(List<RegoError> errors) {
        List<String> parts = new ArrayList<>();
        errors.forEach(e -> parts.add(e.toString()));
        return String.join("; ", parts);
    }
}
