package io.coco4j.verifier.tpm;

import io.coco4j.verifier.SignatureInvalidException;

/** The quote is not signed by the attestation key. */
public class TpmQuoteSignatureException extends SignatureInvalidException {

    public TpmQuoteSignatureException(String message) {
        super(message);
    }

    public TpmQuoteSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
