package io.coco4j.verifier.snp;

import io.coco4j.verifier.SignatureInvalidException;

/** The report is not signed by the VEK (VCEK or VLEK) its chain vouches for. */
public class SnpReportSignatureException extends SignatureInvalidException {

    public SnpReportSignatureException(String message) {
        super(message);
    }

    public SnpReportSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
