package io.coco4j.verifier.snp;

import io.coco4j.verifier.MalformedEvidenceException;

/** The SNP evidence or report does not parse: truncated, oversized, unknown version or bad field. */
public class SnpReportFormatException extends MalformedEvidenceException {

    public SnpReportFormatException(String message) {
        super(message);
    }

    public SnpReportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
