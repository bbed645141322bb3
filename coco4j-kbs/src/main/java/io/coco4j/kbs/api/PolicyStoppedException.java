package io.coco4j.kbs.api;

import io.coco4j.kbs.limits.Limit;
import io.coco4j.kbs.limits.LimitExceeded;
import io.coco4j.kbs.policy.PolicyLimitExceededException;
import io.coco4j.protocol.error.KbsErrorType;

/** The resource policy was stopped by an evaluation bound: {@code PolicyEngineError}, naming the bound's keys. */
final class PolicyStoppedException extends KbsApiException implements LimitExceeded {

    PolicyStoppedException(PolicyLimitExceededException cause) {
        super(KbsErrorType.POLICY_ENGINE_ERROR, cause.getMessage() + " (" + Limit.POLICY_EVALUATION.configKey() + ")", cause);
    }

    @Override
    public Limit limit() {
        return Limit.POLICY_EVALUATION;
    }
}
