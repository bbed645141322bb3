package io.coco4j.protocol.rcar;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** RCAR step 1, the body of {@code POST /kbs/v0/auth}. The TEE stays a string so the server can name an unknown one. */
public record AuthRequest(
        @JsonProperty("version") String version,
        @JsonProperty("tee") String tee,
        @JsonProperty("extra-params") JsonNode extraParams) {

    /** The request the reference guest sends: every hash algorithm it supports in {@code extra-params}. */
    public static AuthRequest forTee(String tee) {
        ObjectNode extra = JsonNodeFactory.instance.objectNode();
        ArrayNode algorithms = extra.putArray("supported-hash-algorithms");
        for (HashAlgorithm algorithm : HashAlgorithm.values()) {
            algorithms.add(algorithm.wireName());
        }
        return new AuthRequest(KbsProtocol.VERSION, tee, extra);
    }
}
