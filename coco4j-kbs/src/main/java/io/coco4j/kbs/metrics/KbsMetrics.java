package io.coco4j.kbs.metrics;

import io.coco4j.kbs.limits.Limit;
import io.coco4j.kbs.policy.PolicyDecision;
import io.coco4j.protocol.tee.Tee;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The KBS's meters, exposed in the Prometheus text format on {@code GET /metrics}. Names follow the
 * reference KBS where it has the metric. Every label value comes from a bounded set (route
 * templates, TEE names, statuses, limit names): never a resource name, an id or a token.
 */
public final class KbsMetrics {

    /** Latency buckets from a cached resource read (under a millisecond) to a slow remote verification. */
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10)};
    private static final Set<String> EAR_STATUSES = Set.of("affirming", "warning", "contraindicated", "none");
    private static final Pattern POLICY_LABEL = Pattern.compile("[a-z0-9_]{1,40}");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public KbsMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        // counters that matter most when they stay at zero are present from the start
        for (Limit limit : Limit.values()) {
            limitCounter(limit);
        }
        for (PolicyDecision decision : PolicyDecision.values()) {
            policyCounter(decision);
        }
        evictions();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** One HTTP request, by route template (see {@code RouteTemplates}), method and status. */
    public void request(String route, String method, int status, long nanos) {
        String code = Integer.toString(status);
        Counter.builder("kbs.http.requests").description("HTTP requests by route template, method and status")
                .tags("route", route, "method", method, "status", code).register(registry).increment();
        Timer.builder("kbs.http.request.duration").description("HTTP request handling time by route template")
                .tags("route", route, "method", method, "status", code).serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One evaluation of evidence by the attestation service (verifiers, policies, token), by primary TEE. */
    public void attestation(Tee tee, boolean success, long nanos) {
        Counter.builder(success ? "kbs.attestation.successes" : "kbs.attestation.failures")
                .description(success ? "Attestations that produced a token, by primary TEE" : "Attestations refused, by primary TEE")
                .tag("tee_type", tee.wireName()).register(registry).increment();
        Timer.builder("kbs.attestation.duration").description("Time the attestation service took, by primary TEE")
                .tag("tee_type", tee.wireName()).serviceLevelObjectives(LATENCY_BUCKETS).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One verifier run over one TEE's evidence. */
    public void verifier(Tee tee, boolean success, long nanos) {
        Timer.builder("kbs.verifier.duration").description("Time a TEE verifier took, by TEE and outcome")
                .tags("tee_type", tee.wireName(), "outcome", success ? "verified" : "rejected")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The status an attestation policy gave one submod of an issued token ({@code default_cpu}, {@code affirming}). */
    public void attestationPolicyResult(String policy, String status) {
        String policyLabel = POLICY_LABEL.matcher(policy).matches() ? policy : "other";
        String statusLabel = EAR_STATUSES.contains(status.toLowerCase(Locale.ROOT)) ? status.toLowerCase(Locale.ROOT) : "other";
        Counter.builder("kbs.attestation.policy.results").description("Attestation policy results of issued tokens, by policy and EAR status")
                .tags("policy", policyLabel, "status", statusLabel).register(registry).increment();
    }

    /** One resource policy evaluation and what it decided. */
    public void resourcePolicy(PolicyDecision decision) {
        Counter.builder("kbs.policy.evaluations").description("Resource policy evaluations").register(registry).increment();
        policyCounter(decision).increment();
    }

    /** A request refused because it hit a configured bound. */
    public void limitHit(Limit limit) {
        limitCounter(limit).increment();
    }

    /** A session that had not attested yet, dropped to make room for a new one under {@code max_sessions}. */
    public void sessionEvicted() {
        evictions().increment();
    }

    private Counter policyCounter(PolicyDecision decision) {
        String name = switch (decision) {
            case ALLOW -> "kbs.policy.approvals";
            case DENY -> "kbs.policy.violations";
            case ERROR -> "kbs.policy.errors";
        };
        return Counter.builder(name).description("Resource policy evaluations that ended in " + decision.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    private Counter limitCounter(Limit limit) {
        return Counter.builder("kbs.limit.rejections").description("Requests refused by a configured bound, by bound")
                .tag("limit", limit.label()).register(registry);
    }

    private Counter evictions() {
        return Counter.builder("kbs.sessions.evicted").description("Unattested sessions evicted to respect limits.max_sessions")
                .register(registry);
    }
}
