package io.coco4j.verifier.cca;

import io.coco4j.verifier.CertificateChainException;

/** No CPAK is configured for the platform's implementation id and instance id. */
public class UnknownCcaPlatformException extends CertificateChainException {

    public UnknownCcaPlatformException(String message) {
        super(message);
    }
}
