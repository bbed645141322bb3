package io.coco4j.verifier.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.tpm.TpmQuote;

import java.util.Base64;
import java.util.HexFormat;

/**
 * {@code az-tdx-vtpm} evidence: v1/v2 {@code {"version", "tpm_quote": {hex}, "hcl_report": b64url,
 * "td_quote": b64url}} and the untagged legacy v0 with every member a byte array.
 *
 * @param version 0 for the legacy form
 */
public record AzTdxVtpmEvidence(int version, TpmQuote quote, byte[] hclReport, byte[] tdQuote) {

    public AzTdxVtpmEvidence {
        hclReport = hclReport.clone();
        tdQuote = tdQuote.clone();
    }

    @Override
    public byte[] hclReport() {
        return hclReport.clone();
    }

    @Override
    public byte[] tdQuote() {
        return tdQuote.clone();
    }

    public static AzTdxVtpmEvidence parse(JsonNode json) throws MalformedEvidenceException {
        if (json == null || !json.isObject()) {
            throw new MalformedEvidenceException("az-tdx-vtpm evidence is not a JSON object");
        }
        if (json.has("version")) {
            JsonNode version = json.get("version");
            if (!version.isIntegralNumber() || version.intValue() < 1 || version.intValue() > 2) {
                throw new MalformedEvidenceException("unsupported az-tdx-vtpm evidence version " + version);
            }
            return new AzTdxVtpmEvidence(version.intValue(), TpmQuote.fromJson(json.get("tpm_quote"), TpmQuote.Encoding.HEX),
                    urlSafe(json, "hcl_report"), urlSafe(json, "td_quote"));
        }
        return new AzTdxVtpmEvidence(0, TpmQuote.fromJson(json.get("tpm_quote"), TpmQuote.Encoding.BYTE_ARRAYS),
                byteArray(json, "hcl_report"), byteArray(json, "td_quote"));
    }

    /** Evidence v1 JSON (as the reference attester writes it) for the given parts. */
    public static ObjectNode toJson(int version, TpmQuote quote, byte[] hclReport, byte[] tdQuote) {
        HexFormat hex = HexFormat.of();
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("version", version);
        ObjectNode tpm = json.putObject("tpm_quote");
        tpm.put("signature", hex.formatHex(quote.signature()));
        tpm.put("message", hex.formatHex(quote.message()));
        quote.pcrs().forEach(pcr -> tpm.withArray("pcrs").add(hex.formatHex(pcr)));
        json.put("hcl_report", Base64.getUrlEncoder().encodeToString(hclReport));
        json.put("td_quote", Base64.getUrlEncoder().encodeToString(tdQuote));
        return json;
    }

    /** URL-safe base64, padded or not (the reference pads on output and decodes either). */
    private static byte[] urlSafe(JsonNode json, String name) throws MalformedEvidenceException {
        JsonNode value = json.get(name);
        if (value == null || !value.isTextual()) {
            throw new MalformedEvidenceException("az-tdx-vtpm evidence has no " + name);
        }
        try {
            return Base64.getUrlDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw new MalformedEvidenceException("az-tdx-vtpm " + name + " is not URL-safe base64");
        }
    }

    private static byte[] byteArray(JsonNode json, String name) throws MalformedEvidenceException {
        JsonNode value = json.get(name);
        if (value == null || !value.isArray()) {
            throw new MalformedEvidenceException("az-tdx-vtpm evidence has neither a version nor a " + name + " byte array");
        }
        byte[] bytes = new byte[value.size()];
        for (int i = 0; i < bytes.length; i++) {
            JsonNode b = value.get(i);
            if (!b.isIntegralNumber() || b.intValue() < 0 || b.intValue() > 255) {
                throw new MalformedEvidenceException("az-tdx-vtpm " + name + "[" + i + "] is not a byte");
            }
            bytes[i] = (byte) b.intValue();
        }
        return bytes;
    }
}
