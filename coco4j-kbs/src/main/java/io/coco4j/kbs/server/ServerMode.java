package io.coco4j.kbs.server;

/** How the KBS runs: production, or the loud demo mode that accepts the sample TEE. */
public enum ServerMode {
    /** HTTPS, real TEEs only. */
    PRODUCTION,
    /**
     * {@code --dev}: plain HTTP on loopback only, the sample TEE accepted, resources released to any
     * attested guest unless a policy has been set. Never for real secrets.
     */
    DEVELOPMENT
}
