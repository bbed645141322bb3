package io.coco4j.verifier.cca;

import io.coco4j.verifier.SignatureInvalidException;

/** The platform token is not signed by the CPAK the trust-anchor store holds for this platform. */
public class PlatformTokenSignatureException extends SignatureInvalidException {

    public PlatformTokenSignatureException(String message) {
        super(message);
    }
}
