package io.coco4j.verifier.cca;

import io.coco4j.verifier.InitDataMismatchException;

/** The realm personalization value is not the init-data digest. */
public class PersonalizationValueMismatchException extends InitDataMismatchException {

    public PersonalizationValueMismatchException(String message) {
        super(message);
    }
}
