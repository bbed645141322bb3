package io.coco4j.kbs.rcar;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.limits.Limit;
import io.coco4j.kbs.limits.LimitExceeded;
import io.coco4j.protocol.error.KbsErrorType;

/**
 * {@code /auth} finds {@code limits.max_sessions} live sessions, none of which may make room (attested,
 * or not yet attested but admitted within the eviction grace): 503, and the guest retries later.
 */
public final class SessionLimitException extends KbsApiException implements LimitExceeded {

    SessionLimitException(int maxSessions) {
        super(KbsErrorType.TOO_MANY_SESSIONS, "the KBS holds " + maxSessions + " sessions, its limit ("
                + Limit.MAX_SESSIONS.configKey() + "), all attested or still attesting; try again when some have expired");
    }

    @Override
    public Limit limit() {
        return Limit.MAX_SESSIONS;
    }
}
