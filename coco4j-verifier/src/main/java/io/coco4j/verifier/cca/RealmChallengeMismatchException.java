package io.coco4j.verifier.cca;

import io.coco4j.verifier.ReportDataMismatchException;

/** The realm challenge is not this session's report data. */
public class RealmChallengeMismatchException extends ReportDataMismatchException {

    public RealmChallengeMismatchException(String message) {
        super(message);
    }
}
