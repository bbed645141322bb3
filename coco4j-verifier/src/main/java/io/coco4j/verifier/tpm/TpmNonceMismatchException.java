package io.coco4j.verifier.tpm;

import io.coco4j.verifier.ReportDataMismatchException;

/** The quote's qualifying data (extraData) is not the expected report data. */
public class TpmNonceMismatchException extends ReportDataMismatchException {

    public TpmNonceMismatchException(String message) {
        super(message);
    }
}
