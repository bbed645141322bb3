package io.coco4j.verifier.nvidia;

import io.coco4j.verifier.ReportDataMismatchException;

/** The GET_MEASUREMENTS request nonce is not this session's report data. */
public class SpdmNonceMismatchException extends ReportDataMismatchException {

    public SpdmNonceMismatchException(String message) {
        super(message);
    }
}
