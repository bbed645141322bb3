package io.coco4j.verifier.tpm;

import io.coco4j.verifier.InitDataMismatchException;

/** PCR 8 does not hold the init-data digest extended into a zero register. */
public class Pcr8InitDataMismatchException extends InitDataMismatchException {

    public Pcr8InitDataMismatchException(String message) {
        super(message);
    }
}
