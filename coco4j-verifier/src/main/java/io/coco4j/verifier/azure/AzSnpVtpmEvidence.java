package io.coco4j.verifier.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.tpm.TpmQuote;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code az-snp-vtpm} evidence in its three forms: v1/v2 {@code {"version", "tpm_quote": {hex},
 * "hcl_report": b64url, "vcek": b64url DER}} and the untagged legacy v0 {@code {"quote": {byte
 * arrays}, "report": [bytes], "vcek": "PEM"}}.
 *
 * @param version 0 for the legacy form
 * @param vcek    DER or PEM
 */
public record AzSnpVtpmEvidence(int version, TpmQuote quote, byte[] hclReport, byte[] vcek) {

    public static AzSnpVtpmEvidence parse(JsonNode json) throws MalformedEvidenceException {
        if (json == null || !json.isObject()) {
            throw new MalformedEvidenceException("az-snp-vtpm evidence is not a JSON object");
        }
        if (json.has("version")) {
            JsonNode version = json.get("version");
            if (!version.isIntegralNumber() || version.intValue() < 1 || version.intValue() > 2) {
                throw new MalformedEvidenceException("unsupported az-snp-vtpm evidence version " + version);
            }
            return new AzSnpVtpmEvidence(version.intValue(), TpmQuote.fromJson(json.get("tpm_quote"), TpmQuote.Encoding.HEX),
                    urlSafe(json, "hcl_report"), urlSafe(json, "vcek"));
        }
        JsonNode report = json.get("report");
        if (report == null || !report.isArray()) {
            throw new MalformedEvidenceException("az-snp-vtpm evidence has neither a version nor a report");
        }
        byte[] bytes = new byte[report.size()];
        for (int i = 0; i < bytes.length; i++) {
            JsonNode b = report.get(i);
            if (!b.isIntegralNumber() || b.intValue() < 0 || b.intValue() > 255) {
                throw new MalformedEvidenceException("az-snp-vtpm report[" + i + "] is not a byte");
            }
            bytes[i] = (byte) b.intValue();
        }
        JsonNode vcek = json.get("vcek");
        if (vcek == null || !vcek.isTextual()) {
            throw new MalformedEvidenceException("az-snp-vtpm evidence has no vcek PEM");
        }
        return new AzSnpVtpmEvidence(0, TpmQuote.fromJson(json.get("quote"), TpmQuote.Encoding.BYTE_ARRAYS), bytes,
                vcek.textValue().getBytes(StandardCharsets.US_ASCII));
    }

    /** URL-safe base64, padded or not (the reference pads on output and decodes either). */
    private static byte[] urlSafe(JsonNode json, String name) throws MalformedEvidenceException {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual()) {
            throw new MalformedEvidenceException("az-snp-vtpm evidence has no " + name);
        }
        try {
            return Base64.getUrlDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new MalformedEvidenceException("az-snp-vtpm " + name + " is not URL-safe base64");
        }
    }
}
