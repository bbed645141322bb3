package io.coco4j.verifier.cca;

import io.coco4j.verifier.MalformedEvidenceException;

/** The CCA attestation token is not the CBOR the CCA specification defines (tag 399 collection, two COSE_Sign1, claim maps). */
public class CcaTokenFormatException extends MalformedEvidenceException {

    public CcaTokenFormatException(String message) {
        super(message);
    }
}
