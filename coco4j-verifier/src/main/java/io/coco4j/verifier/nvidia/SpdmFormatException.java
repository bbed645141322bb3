package io.coco4j.verifier.nvidia;

import io.coco4j.verifier.MalformedEvidenceException;

/** The SPDM GET_MEASUREMENTS request/response or its opaque data does not parse. */
public class SpdmFormatException extends MalformedEvidenceException {

    public SpdmFormatException(String message) {
        super(message);
    }

    public SpdmFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
