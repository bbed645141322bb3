package io.coco4j.kbs.rvps;

import io.coco4j.protocol.error.ErrorInformation;
import io.coco4j.protocol.error.KbsErrorType;

/** A refused request to {@code /rvps/v0/}: an HTTP status and the {@code {type, detail}} body. */
public final class ReferenceValueApiException extends Exception {

    private final int status;
    private final String variant;

    public ReferenceValueApiException(int status, String variant, String detail, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.variant = variant;
    }

    public int status() {
        return status;
    }

    public ErrorInformation toErrorInformation() {
        return new ErrorInformation(KbsErrorType.TYPE_PREFIX + variant, getMessage());
    }
}
