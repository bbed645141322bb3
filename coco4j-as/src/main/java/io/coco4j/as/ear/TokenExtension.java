package io.coco4j.as.ear;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A policy-produced member of an appraisal, e.g. {@code ear.trustee.identifiers} (key −18). In the
 * JSON token it is serialised by name; the integer key is its CBOR label.
 */
public record TokenExtension(String name, int key, JsonNode value) {

    public TokenExtension {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("extension name is required");
        }
        value = value == null ? null : value.deepCopy();
    }

    @Override
    public JsonNode value() {
        return value == null ? null : value.deepCopy();
    }
}
