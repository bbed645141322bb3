package io.coco4j.verifier.dcap;

import io.coco4j.verifier.SignatureInvalidException;

/** The quote signature does not verify with the attestation key: header or body were altered. */
public final class QuoteSignatureException extends SignatureInvalidException {

    public QuoteSignatureException(String message) {
        super(message);
    }
}
