package io.coco4j.kbs.resource;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.protocol.error.KbsErrorType;

/** No resource is stored at the path: 404, which the guest treats as final (the reference answers 401). */
public final class ResourceNotFoundException extends KbsApiException {

    public ResourceNotFoundException(String path) {
        super(KbsErrorType.RESOURCE_NOT_FOUND, "resource not found: " + path);
    }
}
