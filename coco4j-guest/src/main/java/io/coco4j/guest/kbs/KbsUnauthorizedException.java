package io.coco4j.guest.kbs;

import io.coco4j.protocol.error.ErrorInformation;

/**
 * The KBS still answered 401 after every attempt, each preceded by a fresh attestation: the resource
 * policy denies this guest, or its tokens are not accepted. Carries the last answer's error body.
 */
public final class KbsUnauthorizedException extends KbsClientException {

    private final int attempts;

    KbsUnauthorizedException(String message, int attempts, ErrorInformation lastError) {
        super(message, 401, lastError, null);
        this.attempts = attempts;
    }

    /** How many requests were answered 401. */
    public int attempts() {
        return attempts;
    }
}
