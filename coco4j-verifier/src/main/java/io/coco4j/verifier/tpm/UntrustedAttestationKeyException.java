package io.coco4j.verifier.tpm;

import io.coco4j.verifier.CertificateChainException;

/** The quote's attestation key is not among the keys the verifier was configured to trust. */
public class UntrustedAttestationKeyException extends CertificateChainException {

    public UntrustedAttestationKeyException(String message) {
        super(message);
    }
}
