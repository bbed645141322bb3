package io.coco4j.storage;

/** The storage namespaces of the reference's key-value model. */
public final class Namespace {

    /** KBS state; the resource policy lives at key {@code resource-policy.rego}. */
    public static final String KBS = "kbs";
    /** Resources of the {@code resource} plugin, keyed {@code repository/type/tag}. */
    public static final String REPOSITORY = "repository";
    /** RCAR sessions. */
    public static final String KBS_PROTOCOL_SESSION = "kbs_protocol_session";
    /** Attestation policies, keyed {@code <policy id>.rego}. */
    public static final String ATTESTATION_SERVICE_POLICY = "attestation_service_policy";
    /** Reference values, keyed by name. */
    public static final String REFERENCE_VALUE = "reference_value";

    private Namespace() {
    }
}
