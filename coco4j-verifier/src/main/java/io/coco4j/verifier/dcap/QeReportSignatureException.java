package io.coco4j.verifier.dcap;

import io.coco4j.verifier.SignatureInvalidException;

/** The Quoting Enclave's report signature does not verify with the PCK certificate's key. */
public final class QeReportSignatureException extends SignatureInvalidException {

    public QeReportSignatureException(String message) {
        super(message);
    }
}
