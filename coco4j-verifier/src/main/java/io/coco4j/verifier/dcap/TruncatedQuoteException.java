package io.coco4j.verifier.dcap;

import io.coco4j.verifier.MalformedEvidenceException;

/** The quote ends before a structure it declares. */
public final class TruncatedQuoteException extends MalformedEvidenceException {

    public TruncatedQuoteException(String message) {
        super(message);
    }
}
