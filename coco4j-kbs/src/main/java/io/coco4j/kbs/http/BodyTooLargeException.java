package io.coco4j.kbs.http;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.protocol.error.KbsErrorType;

/** The request body exceeds {@code payload_request_size}: 413 with an error body. */
final class BodyTooLargeException extends KbsApiException {

    BodyTooLargeException(long limit) {
        super(KbsErrorType.PAYLOAD_TOO_LARGE, "the request body exceeds the limit of " + limit
                + " bytes (http_server.payload_request_size)");
    }
}
