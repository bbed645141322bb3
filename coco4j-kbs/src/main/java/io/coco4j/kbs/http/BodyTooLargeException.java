package io.coco4j.kbs.http;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.limits.Limit;
import io.coco4j.kbs.limits.LimitExceeded;
import io.coco4j.protocol.error.KbsErrorType;

/** The request body exceeds {@code payload_request_size}: 413 with an error body. */
final class BodyTooLargeException extends KbsApiException implements LimitExceeded {

    BodyTooLargeException(long limit) {
        super(KbsErrorType.PAYLOAD_TOO_LARGE, "the request body exceeds the limit of " + limit
                + " bytes (" + Limit.PAYLOAD_REQUEST_SIZE.configKey() + ")");
    }

    @Override
    public Limit limit() {
        return Limit.PAYLOAD_REQUEST_SIZE;
    }
}
