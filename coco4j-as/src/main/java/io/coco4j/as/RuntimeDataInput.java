package io.coco4j.as;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a report must bind besides the init-data: structured runtime data (canonicalised with JCS,
 * hashed, and shown in the token as {@code runtime_data_claims}), raw expected report-data bytes
 * (compared as they are), or nothing (no binding check).
 */
public sealed interface RuntimeDataInput {

    RuntimeDataInput NONE = new None();

    static RuntimeDataInput structured(JsonNode value) {
        return new Structured(value);
    }

    static RuntimeDataInput raw(byte[] bytes) {
        return new Raw(bytes);
    }

    /** JSON runtime data, e.g. {@code {"nonce","tee-pubkey","additional-evidence"}}: the report must carry H(JCS(value)). */
    record Structured(JsonNode value) implements RuntimeDataInput {
        public Structured {
            if (value == null) {
                throw new IllegalArgumentException("structured runtime data is required");
            }
            value = value.deepCopy();
        }

        @Override
        public JsonNode value() {
            return value.deepCopy();
        }
    }

    /** The exact expected report data. */
    record Raw(byte[] bytes) implements RuntimeDataInput {
        public Raw {
            if (bytes == null) {
                throw new IllegalArgumentException("raw runtime data is required");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** No runtime data: the report data is not checked. */
    record None() implements RuntimeDataInput {
    }
}
