package io.coco4j.kbs.resource;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.protocol.error.KbsErrorType;

/** The path is not {@code repository/type/tag} with segments of {@code [A-Za-z0-9_-][A-Za-z0-9_.-]*}. */
public final class InvalidResourcePathException extends KbsApiException {

    public InvalidResourcePathException(String path) {
        super(KbsErrorType.INVALID_RESOURCE_PATH, "invalid resource path '" + path
                + "': expected repository/type/tag, each segment of letters, digits, '_', '-' or '.', not starting with '.'");
    }
}
