package io.coco4j.kbs.config;

import io.coco4j.protocol.tee.Tee;
import io.coco4j.rego.Limits;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code [limits]} (coco4j's section; the reference has none): the bounds that keep one client or
 * one policy from exhausting the KBS. Each bound, when hit, answers with its own 4xx/503 error that
 * names the key, and counts in {@code kbs_limit_rejections_total{limit=...}}.
 *
 * @param maxSessions          {@code max_sessions}: live RCAR sessions; when full, the oldest session that
 *                             has not attested yet makes room, else {@code /auth} gets 503; default 100000 (sessions live 5 minutes,
 *                             so about 330 new guests a second; an attested session holds its token, about 3 KB)
 * @param rateLimit            {@code rate_limit}: per client IP on {@code /auth} and {@code /attest};
 *                             absent: on in production, off under {@code --dev}
 * @param rateLimitPerMinute   {@code rate_limit_per_minute}: requests a client IP may make per minute, on average; default 1200
 * @param rateLimitBurst       {@code rate_limit_burst}: requests it may make at once; default 100
 * @param requestHeaderSizeKiB {@code request_header_size}: request line and headers, in KiB; default 256 (EAR tokens in
 *                             {@code Authorization} reach tens of KiB)
 * @param maxEvidenceSize      {@code [limits.max_evidence_size]}: bytes of one TEE's evidence, by TEE name; a TEE
 *                             not named keeps its default ({@link #DEFAULT_MAX_EVIDENCE_SIZE})
 * @param policyMaxSteps       {@code policy_max_steps}: evaluation steps of one Rego policy evaluation; default 50 million
 * @param policyMaxDepth       {@code policy_max_depth}: nesting of rules and functions in one evaluation; default 1000
 * @param policyTimeoutMillis  {@code policy_timeout_ms}: wall-clock budget of one evaluation; default 2000
 */
public record LimitsConfig(
        int maxSessions,
        Optional<Boolean> rateLimit,
        int rateLimitPerMinute,
        int rateLimitBurst,
        int requestHeaderSizeKiB,
        Map<Tee, Long> maxEvidenceSize,
        long policyMaxSteps,
        int policyMaxDepth,
        long policyTimeoutMillis) {

    public static final int DEFAULT_MAX_SESSIONS = 100_000;
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;
    public static final int DEFAULT_RATE_LIMIT_BURST = 100;
    public static final int DEFAULT_REQUEST_HEADER_SIZE_KIB = 256;
    public static final long DEFAULT_POLICY_MAX_STEPS = 50_000_000L;
    public static final int DEFAULT_POLICY_MAX_DEPTH = 1000;
    public static final long DEFAULT_POLICY_TIMEOUT_MILLIS = 2000;

    /**
     * Evidence sizes by TEE: a report with its certificates stays far below 256 KiB; the vTPM and GPU
     * evidence carry more; TDX, CCA and TPM evidence may carry a whole event log (a CCEL is up to
     * 1 MiB before base64), so for them the request body limit is the real bound.
     */
    public static final Map<Tee, Long> DEFAULT_MAX_EVIDENCE_SIZE = defaultEvidenceSizes();

    public LimitsConfig {
        EnumMap<Tee, Long> sizes = new EnumMap<>(DEFAULT_MAX_EVIDENCE_SIZE);
        sizes.putAll(maxEvidenceSize);
        maxEvidenceSize = Map.copyOf(sizes);
        if (maxSessions < 1 || rateLimitPerMinute < 1 || rateLimitBurst < 1 || requestHeaderSizeKiB < 1
                || policyMaxSteps < 1 || policyMaxDepth < 1 || policyTimeoutMillis < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static LimitsConfig defaults() {
        return new LimitsConfig(DEFAULT_MAX_SESSIONS, Optional.empty(), DEFAULT_RATE_LIMIT_PER_MINUTE, DEFAULT_RATE_LIMIT_BURST,
                DEFAULT_REQUEST_HEADER_SIZE_KIB, Map.of(), DEFAULT_POLICY_MAX_STEPS, DEFAULT_POLICY_MAX_DEPTH,
                DEFAULT_POLICY_TIMEOUT_MILLIS);
    }

    /** The same limits with another {@code max_sessions}. */
    public LimitsConfig withMaxSessions(int sessions) {
        return new LimitsConfig(sessions, rateLimit, rateLimitPerMinute, rateLimitBurst, requestHeaderSizeKiB, maxEvidenceSize,
                policyMaxSteps, policyMaxDepth, policyTimeoutMillis);
    }

    private static Map<Tee, Long> defaultEvidenceSizes() {
        EnumMap<Tee, Long> sizes = new EnumMap<>(Tee.class);
        for (Tee tee : Tee.values()) {
            sizes.put(tee, switch (tee) {
                case AZ_SNP_VTPM, NVIDIA -> 1024L * 1024;
                case TDX, AZ_TDX_VTPM, CCA, TPM -> 4L * 1024 * 1024;
                default -> 256L * 1024;
            });
        }
        return Map.copyOf(sizes);
    }

    /** Whether {@code /auth} and {@code /attest} are rate limited: as configured, else on except in development mode. */
    public boolean rateLimited(boolean development) {
        return rateLimit.orElse(!development);
    }

    public long requestHeaderSizeBytes() {
        return requestHeaderSizeKiB * 1024L;
    }

    /** The bounds of one Rego evaluation, for the resource policy and the attestation policies alike. */
    public Limits policyLimits() {
        return Limits.DEFAULT.withMaxSteps(policyMaxSteps).withMaxDepth(policyMaxDepth)
                .withTimeLimit(Duration.ofMillis(policyTimeoutMillis));
    }
}
