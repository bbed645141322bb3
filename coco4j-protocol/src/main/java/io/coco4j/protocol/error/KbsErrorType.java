package io.coco4j.protocol.error;

/**
 * The KBS error variants: the last segment of the {@code type} URI of an error body. Status codes
 * follow the reference (404 only for an unknown plugin or path, 401 otherwise) except where a
 * different status is a deliberate, client-safe improvement.
 */
public enum KbsErrorType {
    ADMIN_AUTH_INITIALIZATION("AdminAuthInitialization", 401),
    ADMIN_AUTH_ACCESS("AdminAuthAccess", 401),
    ATTESTATION_ERROR("AttestationError", 401),
    HTTP_FAILED("HTTPFailed", 401),
    HTTPS_FAILED("HTTPSFailed", 401),
    INVALID_REQUEST_PATH("InvalidRequestPath", 404),
    JWE_ERROR("JweError", 401),
    PLUGIN_MANAGER_INITIALIZATION("PluginManagerInitialization", 401),
    PLUGIN_NOT_FOUND("PluginNotFound", 404),
    PLUGIN_INTERNAL_ERROR("PluginInternalError", 401),
    POLICY_DENY("PolicyDeny", 401),
    PARSE_POLICY_ERROR("ParsePolicyError", 401),
    POLICY_ENGINE_ERROR("PolicyEngineError", 401),
    RVPS_ERROR("RvpsError", 401),
    SERDE_ERROR("SerdeError", 401),
    STORAGE_BACKEND_INITIALIZATION("StorageBackendInitialization", 401),
    TOKEN_NOT_FOUND("TokenNotFound", 401),
    TOKEN_VERIFIER_ERROR("TokenVerifierError", 401),
    PROMETHEUS_ERROR("PrometheusError", 401),
    // Deliberate improvements over the reference's catch-all 401 (the guest client treats 404 as final
    // and parses any other status as an error body).
    RESOURCE_NOT_FOUND("ResourceNotFound", 404),
    INVALID_RESOURCE_PATH("InvalidResourcePath", 400),
    INVALID_ADMIN_PAYLOAD("InvalidAdminPayload", 400),
    PAYLOAD_TOO_LARGE("PayloadTooLarge", 413),
    /** The body comes with a Content-Encoding (gzip, deflate, …): the KBS never inflates a request. */
    UNSUPPORTED_CONTENT_ENCODING("UnsupportedContentEncoding", 415),
    /** A create-only upload ({@code ?overwrite=false}) found the resource already stored. */
    RESOURCE_EXISTS("ResourceExists", 409),
    /** The request line and headers exceed {@code limits.request_header_size}. */
    REQUEST_HEADER_TOO_LARGE("RequestHeaderTooLarge", 431),
    /** A client address exceeded its rate limit on {@code /auth} or {@code /attest} (with {@code Retry-After}). */
    TOO_MANY_REQUESTS("TooManyRequests", 429),
    /** {@code limits.max_sessions} attested sessions exist: no room for a new one until some expire. */
    TOO_MANY_SESSIONS("TooManySessions", 503);

    /** Prefix of every error {@code type}, kept identical to the reference for client compatibility. */
    public static final String TYPE_PREFIX = "https://github.com/confidential-containers/kbs/errors/";

    private final String variant;
    private final int status;

    KbsErrorType(String variant, int status) {
        this.variant = variant;
        this.status = status;
    }

    public String variant() {
        return variant;
    }

    public int httpStatus() {
        return status;
    }

    public String typeUri() {
        return TYPE_PREFIX + variant;
    }
}
