package io.coco4j.verifier.sample;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.verifier.Expectation;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.ReportDataMismatchException;

import java.security.MessageDigest;
import java.util.Base64;

/**
 * The evidence of the sample TEEs: {@code {"svn": "<string>", "report_data": "<b64std>"}}. Unknown
 * members are ignored and {@code report_data} defaults to the empty string, as the reference's serde
 * type does; there is no signature, so the report-data binding is the only check.
 */
record SampleEvidence(String svn, String reportData) {

    static SampleEvidence parse(JsonNode evidence, String tee) throws MalformedEvidenceException {
        if (evidence == null || !evidence.isObject()) {
            throw new MalformedEvidenceException(tee + " evidence is not a JSON object");
        }
        JsonNode svn = evidence.get("svn");
        if (svn == null) {
            throw new MalformedEvidenceException(tee + " evidence has no svn");
        }
        if (!svn.isTextual()) {
            throw new MalformedEvidenceException(tee + " evidence svn is not a string");
        }
        JsonNode reportData = evidence.get("report_data");
        if (reportData != null && !reportData.isTextual()) {
            throw new MalformedEvidenceException(tee + " evidence report_data is not a string");
        }
        return new SampleEvidence(svn.textValue(), reportData == null ? "" : reportData.textValue());
    }

    /** Requires {@code report_data} to decode to exactly the expected bytes, when an expectation is given. */
    void checkReportData(Expectation expectation, String tee) throws MalformedEvidenceException, ReportDataMismatchException {
        if (expectation.reportData().isEmpty()) {
            return;
        }
        byte[] reported = decodeCanonical(reportData, tee);
        if (!MessageDigest.isEqual(reported, expectation.reportData().get())) {
            throw new ReportDataMismatchException(tee + " report_data does not match the expected runtime-data digest");
        }
    }

    /**
     * Strict RFC 4648 §4 base64: padding required and canonical, no stray trailing bits. The JDK
     * decoder accepts missing padding and non-zero trailing bits, which the reference refuses, so the
     * decoded bytes are re-encoded and must give back the input exactly.
     */
    private static byte[] decodeCanonical(String value, String tee) throws MalformedEvidenceException {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedEvidenceException(tee + " evidence report_data is not base64");
        }
        if (!Base64.getEncoder().encodeToString(decoded).equals(value)) {
            throw new MalformedEvidenceException(tee + " evidence report_data is not canonical base64 (padding or trailing bits)");
        }
        return decoded;
    }
}
