package io.coco4j.guest.attester.tpm;

import io.coco4j.guest.attester.EvidenceException;

/** A TPM command failed (its response code is in the message) or its response is malformed. */
public final class TpmException extends EvidenceException {

    private final long responseCode;

    public TpmException(String message) {
        this(message, 0);
    }

    public TpmException(String message, long responseCode) {
        super(message);
        this.responseCode = responseCode;
    }

    /** The TPM response code, 0 when the failure is not one. */
    public long responseCode() {
        return responseCode;
    }
}
