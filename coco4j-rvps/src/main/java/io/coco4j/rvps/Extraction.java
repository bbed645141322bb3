package io.coco4j.rvps;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an extractor found in a verified payload: the reference values by name, the expiration its
 * source dictates (an in-toto layout's expiry; empty for the default validity), the ids of the keys
 * that vouched for it, and warnings worth an operator's attention.
 */
public record Extraction(Map<String, JsonNode> values, Optional<Instant> expiration, List<String> signerKeyIds,
                         List<String> warnings) {

    public Extraction {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        signerKeyIds = List.copyOf(signerKeyIds);
        warnings = List.copyOf(warnings);
    }

    /** Values from an unsigned source, valid for the default period. */
    public static Extraction unsigned(Map<String, JsonNode> values) {
        return new Extraction(values, Optional.empty(), List.of(), List.of());
    }
}
