package io.coco4j.guest.kbs;

import io.coco4j.protocol.error.ErrorInformation;

/** The KBS answered 404: no such resource or plugin. Final, never retried. */
public final class KbsResourceNotFoundException extends KbsClientException {

    KbsResourceNotFoundException(String message, ErrorInformation errorInformation) {
        super(message, 404, errorInformation, null);
    }
}
