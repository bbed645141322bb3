package io.coco4j.verifier.azure;

import io.coco4j.verifier.MalformedEvidenceException;

/** An HCL attestation report or its variable data that does not parse. */
public class HclFormatException extends MalformedEvidenceException {

    public HclFormatException(String message) {
        super(message);
    }

    public HclFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
