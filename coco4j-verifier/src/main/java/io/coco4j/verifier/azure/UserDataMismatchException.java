package io.coco4j.verifier.azure;

import io.coco4j.verifier.ReportDataMismatchException;

/** The HCL variable data's {@code user-data} does not start with the expected report data (evidence v2). */
public class UserDataMismatchException extends ReportDataMismatchException {

    public UserDataMismatchException(String message) {
        super(message);
    }
}
