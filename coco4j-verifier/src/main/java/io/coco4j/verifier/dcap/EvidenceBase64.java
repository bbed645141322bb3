package io.coco4j.verifier.dcap;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.verifier.MalformedEvidenceException;

import java.util.Base64;

/** Base64 members of DCAP evidence JSON (standard alphabet; missing padding tolerated). */
public final class EvidenceBase64 {

    private EvidenceBase64() {
    }

    /** The decoded member, or {@code null} when absent or JSON null. */
    public static byte[] optional(JsonNode evidence, String member, String tee) throws MalformedEvidenceException {
        JsonNode value = evidence.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedEvidenceException(tee + " evidence member \"" + member + "\" is not a string");
        }
        try {
            return Base64.getDecoder().decode(value.asText().trim());
        } catch (IllegalArgumentException e) {
            throw new MalformedEvidenceException(tee + " evidence member \"" + member + "\" is not base64");
        }
    }

    public static byte[] required(JsonNode evidence, String member, String tee) throws MalformedEvidenceException {
        if (evidence == null || !evidence.isObject()) {
            throw new MalformedEvidenceException(tee + " evidence is not a JSON object");
        }
        byte[] value = optional(evidence, member, tee);
        if (value == null) {
            throw new MalformedEvidenceException(tee + " evidence has no \"" + member + "\"");
        }
        if (value.length == 0) {
            throw new MalformedEvidenceException(tee + " evidence \"" + member + "\" is empty");
        }
        return value;
    }
}
