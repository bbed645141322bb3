package io.coco4j.kbs.policy;

/** What one resource policy evaluation decided: allow, deny, or nothing (an error, which never allows). */
public enum PolicyDecision {
    ALLOW,
    DENY,
    ERROR
}
