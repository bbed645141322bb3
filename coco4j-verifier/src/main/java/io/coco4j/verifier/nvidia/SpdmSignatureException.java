package io.coco4j.verifier.nvidia;

import io.coco4j.verifier.SignatureInvalidException;

/** The measurement response is not signed by the GPU's attestation key (the leaf of its certificate chain). */
public class SpdmSignatureException extends SignatureInvalidException {

    public SpdmSignatureException(String message) {
        super(message);
    }

    public SpdmSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
