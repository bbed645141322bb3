package io.coco4j.kbs.limits;

/**
 * A bound on what one request or one client may use. The label names it in
 * {@code kbs_limit_rejections_total{limit=...}}; the key says where it is configured.
 */
public enum Limit {
    MAX_SESSIONS("max_sessions", "limits.max_sessions"),
    RATE_LIMIT("rate_limit", "limits.rate_limit_per_minute and limits.rate_limit_burst"),
    PAYLOAD_REQUEST_SIZE("payload_request_size", "http_server.payload_request_size"),
    REQUEST_HEADER_SIZE("request_header_size", "limits.request_header_size"),
    MAX_EVIDENCE_SIZE("max_evidence_size", "limits.max_evidence_size"),
    POLICY_EVALUATION("policy_evaluation", "limits.policy_max_steps, limits.policy_max_depth and limits.policy_timeout_ms");

    /** The request attribute under which the code that refused a request names the bound it hit. */
    public static final String REQUEST_ATTRIBUTE = "io.coco4j.kbs.limit";

    private final String label;
    private final String configKey;

    Limit(String label, String configKey) {
        this.label = label;
        this.configKey = configKey;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }

    /** The configuration key(s) that set the bound, for error details. */
    public String configKey() {
        return configKey;
    }
}
