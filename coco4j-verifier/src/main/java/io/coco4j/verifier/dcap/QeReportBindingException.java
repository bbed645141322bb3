package io.coco4j.verifier.dcap;

import io.coco4j.verifier.VerificationException;

/** The QE report does not bind the attestation key: its REPORTDATA is not SHA-256(attestation key || QE authentication data) padded with zeros. */
public final class QeReportBindingException extends VerificationException {

    public QeReportBindingException(String message) {
        super(message);
    }
}
