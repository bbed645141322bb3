package io.coco4j.protocol.rcar;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The composite {@code tee-evidence}: the primary TEE's evidence (any JSON) and the additional device
 * evidence as a JSON <em>string</em> mapping TEE name to evidence ({@code ""} when there are no devices).
 */
public record TeeEvidence(
        @JsonProperty("primary_evidence") JsonNode primaryEvidence,
        @JsonProperty("additional_evidence") String additionalEvidence) {
}
