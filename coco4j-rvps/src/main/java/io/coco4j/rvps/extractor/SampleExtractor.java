package io.coco4j.rvps.extractor;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.Extraction;
import io.coco4j.rvps.InvalidMessageException;
import io.coco4j.rvps.ReferenceValueExtractor;

import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference's {@code sample} extractor: the payload is b64std of a JSON object, each member one
 * reference value by name. It verifies nothing about where the values come from, so it is meant for
 * tests and demos and is enabled only when the configuration asks for it.
 */
public final class SampleExtractor implements ReferenceValueExtractor {

    public static final String TYPE = "sample";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Extraction extract(String payload) throws InvalidMessageException {
        byte[] json;
        try {
            // Lenient about padding, as the protocol's b64std fields are; the URL-safe alphabet is refused.
            json = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException("sample payload is not base64");
        }
        JsonNode document;
        try {
            document = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(json);
        } catch (IOException e) {
            throw new InvalidMessageException("sample payload is not JSON");
        }
        if (document == null || !document.isObject()) {
            throw new InvalidMessageException("sample payload is not a JSON object of reference values");
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            values.put(member.getKey(), member.getValue());
        }
        return Extraction.unsigned(values);
    }
}
