package io.coco4j.verifier.dcap;

import io.coco4j.verifier.MalformedEvidenceException;

/** The quote is not a DCAP ECDSA quote this verifier accepts (version, key type, body type, certification data). */
public final class MalformedQuoteException extends MalformedEvidenceException {

    public MalformedQuoteException(String message) {
        super(message);
    }
}
