package io.coco4j.verifier.tpm;

import io.coco4j.verifier.MalformedEvidenceException;

/** A TPM structure (TPMS_ATTEST, TPMT_SIGNATURE, PCR list) that does not parse. */
public class TpmFormatException extends MalformedEvidenceException {

    public TpmFormatException(String message) {
        super(message);
    }
}
