package io.coco4j.protocol.rcar;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Locale;

/**
 * RCAR step 2, the answer to {@code /auth}. {@code extra-params} is any JSON: the reference sends the
 * empty string for every TEE but {@code se}.
 */
public record Challenge(
        @JsonProperty("nonce") String nonce,
        @JsonProperty("extra-params") JsonNode extraParams) {

    public static Challenge withNonce(String nonce) {
        return new Challenge(nonce, TextNode.valueOf(""));
    }

    /** The runtime-data hash the server asks for: {@code selected-hash-algorithm} when present, else SHA-384. */
    public HashAlgorithm selectedHashAlgorithm() {
        if (extraParams == null || !extraParams.isObject() || !extraParams.has("selected-hash-algorithm")) {
            return HashAlgorithm.SHA384;
        }
        JsonNode selected = extraParams.get("selected-hash-algorithm");
        if (!selected.isTextual()) {
            throw new IllegalArgumentException("selected-hash-algorithm is not a string");
        }
        return HashAlgorithm.fromWireName(selected.textValue().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("unsupported selected-hash-algorithm '" + selected.textValue() + "'"));
    }
}
