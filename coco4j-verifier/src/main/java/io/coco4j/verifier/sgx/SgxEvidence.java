package io.coco4j.verifier.sgx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.verifier.MalformedEvidenceException;
import io.coco4j.verifier.dcap.EvidenceBase64;

import java.util.Base64;

/** SGX evidence: {@code {"quote": "<b64 SGX quote v3>"}}. */
public record SgxEvidence(byte[] quote) {

    public SgxEvidence {
        quote = quote.clone();
    }

    @Override
    public byte[] quote() {
        return quote.clone();
    }

    public static SgxEvidence parse(JsonNode evidence) throws MalformedEvidenceException {
        return new SgxEvidence(EvidenceBase64.required(evidence, "quote", "sgx"));
    }

    /** The evidence JSON for a raw quote. */
    public static ObjectNode toJson(byte[] quote) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("quote", Base64.getEncoder().encodeToString(quote));
        return json;
    }
}
