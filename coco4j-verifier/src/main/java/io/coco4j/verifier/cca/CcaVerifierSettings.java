package io.coco4j.verifier.cca;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The reference's {@code verifier_config.cca_verifier} for local verification:
 * {@code {"type": "Local", "ta_store": <trust-anchor store>, "rv_store": <reference-value store>}}.
 * The remote (Veraison) mode is recognised and refused, so a configuration meant for it fails loudly.
 */
public record CcaVerifierSettings(Path taStore, Optional<Path> rvStore) {

    public static CcaVerifierSettings fromReferenceConfig(JsonNode section) {
        JsonNode cca = section == null ? null : (section.has("cca_verifier") ? section.get("cca_verifier") : section);
        if (cca == null || !cca.isObject()) {
            throw new IllegalArgumentException("cca_verifier must be a table");
        }
        String type = cca.path("type").asText("Local");
        if (!type.equals("Local")) {
            throw new IllegalArgumentException("cca_verifier.type = \"" + type + "\" is not supported (only \"Local\": "
                    + "tokens are verified in process against ta_store)");
        }
        String ta = cca.path("ta_store").asText("");
        if (ta.isEmpty()) {
            throw new IllegalArgumentException("cca_verifier needs ta_store (the CPAK trust-anchor store)");
        }
        String rv = cca.path("rv_store").asText("");
        return new CcaVerifierSettings(Path.of(ta), rv.isEmpty() ? Optional.empty() : Optional.of(Path.of(rv)));
    }
}
