package io.coco4j.kbs.api;

import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.error.KbsErrorType;

/**
 * A request the KBS refuses. The wire form is the reference's {@code {type, detail}} body with the
 * status of {@link KbsErrorType}; each failure has its own subclass so callers and tests can tell
 * them apart. Details never contain secrets or tokens.
 */
public class KbsApiException extends Exception {

    private final KbsErrorType errorType;

    public KbsApiException(KbsErrorType errorType, String detail) {
        super(detail);
        this.errorType = errorType;
    }

    public KbsApiException(KbsErrorType errorType, String detail, Throwable cause) {
        super(detail, cause);
        this.errorType = errorType;
    }

    public KbsErrorType errorType() {
        return errorType;
    }

    public int httpStatus() {
        return errorType.httpStatus();
    }

    public ErrorInformation toErrorInformation() {
        return ErrorInformation.of(errorType, getMessage());
    }
}
