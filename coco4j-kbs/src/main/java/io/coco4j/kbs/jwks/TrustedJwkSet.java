package io.coco4j.kbs.jwks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys of one JWK set ({@code {"keys": [...]}}), kept as JSON so that a member this code does not
 * understand (an {@code x5c} that does not match, a private part) never makes the whole set unusable.
 *
 * @param source where the set was loaded from, for messages
 * @param keys   the JWKs, in document order
 */
public record TrustedJwkSet(String source, List<JsonNode> keys) {

    public TrustedJwkSet {
        List<JsonNode> copies = new ArrayList<>();
        for (JsonNode key : keys) {
            copies.add(key.deepCopy());
        }
        keys = List.copyOf(copies);
    }

    /** The first key whose {@code kid} equals {@code kid}. */
    public Optional<JsonNode> findByKid(String kid) {
        for (JsonNode key : keys) {
            JsonNode id = key.get("kid");
            if (id != null && id.isTextual() && id.textValue().equals(kid)) {
                return Optional.of(key.deepCopy());
            }
        }
        return Optional.empty();
    }
}
