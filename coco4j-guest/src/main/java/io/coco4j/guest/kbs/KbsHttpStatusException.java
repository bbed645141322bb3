package io.coco4j.guest.kbs;

import io.coco4j.protocol.error.ErrorInformation;

/** The KBS answered with a status the protocol gives no retry rule for (400, 413, 5xx, …). */
public final class KbsHttpStatusException extends KbsClientException {

    KbsHttpStatusException(String message, int httpStatus, ErrorInformation errorInformation) {
        super(message, httpStatus, errorInformation, null);
    }
}
