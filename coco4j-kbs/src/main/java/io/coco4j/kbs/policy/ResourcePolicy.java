package io.coco4j.kbs.policy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decides whether an attested caller may have a resource. {@code input} is the verified token's
 * claims; {@code data} is {@code {"plugin", "resource-path", "query"}} as the reference provides it.
 * Only a boolean {@code true} from {@code data.policy.allow} allows; an evaluation error never does.
 */
public interface ResourcePolicy {

    /** A short name for logs. */
    String policyName();

    /** @throws PolicyLimitExceededException when the evaluation hit a configured bound (a runaway policy) */
    boolean allows(JsonNode input, JsonNode data) throws PolicyLimitExceededException;

    /** SHA-384 of the policy text (lower-case hex), for the audit log; empty when there is no text. */
    default java.util.Optional<String> textSha384() {
        return java.util.Optional.empty();
    }
}
