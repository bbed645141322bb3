package io.coco4j.kbs.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.rego.Compatibility;
import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.Limits;
import io.coco4j.rego.PolicySource;
import io.coco4j.rego.PreparedPolicy;
import io.coco4j.rego.RegoEngine;
import io.coco4j.rego.RegoError;
import io.coco4j.rego.RegoException;
import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.value.Json;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The resource policy in Rego, stored as {@code resource-policy.rego} in the {@code kbs} namespace
 * (as the reference) and compiled once per text. Replicas sharing the storage see an upload on
 * their next request. When nothing is stored, the fallback applies: production installs
 * {@code affirming} on first start; demo mode applies {@code allow-all} without storing it, so a
 * later production start on the same storage never inherits it.
 */
public final class ResourcePolicyStore {

    private static final Logger LOG = LoggerFactory.getLogger(ResourcePolicyStore.class);
    public static final String KEY = "resource-policy.rego";
    private static final String RULE = "data.policy.allow";
    /** 50 million steps, depth 1000, 2 s: the bounds unless {@code [limits]} says otherwise. */
    public static final Limits DEFAULT_LIMITS = Limits.DEFAULT.withTimeLimit(Duration.ofSeconds(2));

    private final KeyValueStore store;
    private final RegoEngine engine;
    private final Consumer<PolicyDecision> decisions;
    private final Compiled fallback;
    private volatile Compiled current;

    private final class Compiled implements ResourcePolicy {
        private final String name;
        private final String text;
        private final PreparedPolicy policy;

        Compiled(String name, String text) throws InvalidPolicyException {
            this.name = name;
            this.text = text;
            this.policy = prepare(text);
        }

        @Override
        public String policyName() {
            return name;
        }

        @Override
        public Optional<String> textSha384() {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-384").digest(text.getBytes(StandardCharsets.UTF_8));
                return Optional.of(java.util.HexFormat.of().formatHex(digest));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-384 is missing from this JDK", e);
            }
        }

        @Override
        public boolean allows(JsonNode input, JsonNode data) throws PolicyLimitExceededException {
            boolean allowed;
            try {
                allowed = policy.evaluateRule(RULE, Json.fromNode(input), Json.fromNode(data)).isTrue();
            } catch (RegoException e) {
                decisions.accept(PolicyDecision.ERROR);
                if (e.code() == ErrorCode.EVAL_LIMIT) {
                    LOG.warn("resource policy '{}' hit an evaluation limit, refusing: {}", name, e.getMessage());
                    throw new PolicyLimitExceededException("the resource policy '" + name + "' was stopped: " + e.getMessage(), e);
                }
                LOG.warn("resource policy '{}' failed, denying: {}", name, e.getMessage());
                return false;
            }
            decisions.accept(allowed ? PolicyDecision.ALLOW : PolicyDecision.DENY);
            return allowed;
        }
    }

    private ResourcePolicyStore(KeyValueStore store, Limits limits, Consumer<PolicyDecision> decisions,
                                BundledResourcePolicy fallback) {
        this.store = store;
        this.engine = RegoEngine.builder().regoVersion(RegoVersion.V1).compatibility(Compatibility.REGORUS).limits(limits).build();
        this.decisions = decisions;
        try {
            this.fallback = new Compiled(fallback.policyName(), fallback.text());
        } catch (InvalidPolicyException e) {
            throw new IllegalStateException("bundled policy " + fallback.policyName() + " does not compile", e);
        }
    }

    /**
     * @param kbsNamespace the {@code kbs} namespace
     * @param install      stored on first start when no policy is stored (production)
     * @param fallback     applied, not stored, while no policy is stored (demo mode)
     */
    public static ResourcePolicyStore open(KeyValueStore kbsNamespace, Optional<BundledResourcePolicy> install,
                                           BundledResourcePolicy fallback) throws StorageException {
        return open(kbsNamespace, install, fallback, DEFAULT_LIMITS, decision -> { });
    }

    /**
     * @param limits    bounds on each evaluation; a policy that hits one refuses the request with an error saying so
     * @param decisions told the outcome of every evaluation (for metrics)
     */
    public static ResourcePolicyStore open(KeyValueStore kbsNamespace, Optional<BundledResourcePolicy> install,
                                           BundledResourcePolicy fallback, Limits limits, Consumer<PolicyDecision> decisions)
            throws StorageException {
        ResourcePolicyStore policies = new ResourcePolicyStore(kbsNamespace, limits, decisions, fallback);
        if (install.isPresent()) {
            kbsNamespace.putIfAbsent(KEY, install.get().text().getBytes(StandardCharsets.UTF_8));
        }
        return policies;
    }

    /** The policy in force: the stored one, else the fallback. */
    public ResourcePolicy current() {
        Optional<byte[]> stored;
        try {
            stored = store.get(KEY);
        } catch (StorageException e) {
            LOG.warn("cannot read the resource policy, denying: {}", e.getMessage());
            return deny;
        }
        if (stored.isEmpty()) {
            return fallback;
        }
        String text = new String(stored.get(), StandardCharsets.UTF_8);
        Compiled cached = current;
        if (cached != null && cached.text.equals(text)) {
            return cached;
        }
        try {
            cached = new Compiled("resource-policy", text);
            current = cached;
            return cached;
        } catch (InvalidPolicyException e) {
            LOG.warn("the stored resource policy does not compile, denying: {}", e.getMessage());
            return deny;
        }
    }

    /** Validates and stores a new policy; a policy that does not compile is refused and nothing changes. */
    public void set(String text) throws InvalidPolicyException, StorageException {
        Compiled compiled = new Compiled("resource-policy", text);
        store.put(KEY, text.getBytes(StandardCharsets.UTF_8));
        current = compiled;
    }

    /** Ids of the stored policies ({@code .rego} keys of the namespace without the suffix), as the reference lists them. */
    public List<String> ids() throws StorageException {
        List<String> ids = new ArrayList<>();
        for (String key : store.keys()) {
            if (key.endsWith(".rego")) {
                ids.add(key.substring(0, key.length() - ".rego".length()));
            }
        }
        return ids;
    }

    private PreparedPolicy prepare(String text) throws InvalidPolicyException {
        try {
            return engine.prepare(new PolicySource(KEY, text));
        } catch (RegoException e) {
            List<String> problems = new ArrayList<>();
            for (RegoError error : e.errors()) {
                problems.add(error.toString());
            }
            throw new InvalidPolicyException(problems);
        }
    }

    /** Used when the policy cannot be read or compiled: an unreadable policy never allows. */
    private final ResourcePolicy deny = new ResourcePolicy() {
        @Override
        public String policyName() {
            return "deny (policy unavailable)";
        }

        @Override
        public boolean allows(JsonNode input, JsonNode data) {
            decisions.accept(PolicyDecision.ERROR);
            return false;
        }
    };
}
