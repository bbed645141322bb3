package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Artifacts as a link records them: path → {hash algorithm → lowercase hex digest}. */
public record Artifacts(Map<String, Map<String, String>> byPath) {

    public static final Artifacts NONE = new Artifacts(Map.of());

    public Artifacts {
        Map<String, Map<String, String>> copy = new TreeMap<>();
        byPath.forEach((path, hashes) -> copy.put(path, Collections.unmodifiableMap(new TreeMap<>(hashes))));
        byPath = Collections.unmodifiableMap(copy);
    }

    static Artifacts parse(JsonNode node, String where) throws InTotoFormatException {
        if (node == null || node.isNull()) {
            return NONE;
        }
        if (!node.isObject()) {
            throw new InTotoFormatException(where + " is not an object of artifacts");
        }
        Map<String, Map<String, String>> artifacts = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> artifact = it.next();
            if (!artifact.getValue().isObject()) {
                throw new InTotoFormatException(where + "." + artifact.getKey() + " is not an object of hashes");
            }
            Map<String, String> hashes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> h = artifact.getValue().fields(); h.hasNext(); ) {
                Map.Entry<String, JsonNode> hash = h.next();
                if (!hash.getValue().isTextual()) {
                    throw new InTotoFormatException(where + "." + artifact.getKey() + "." + hash.getKey() + " is not a hex string");
                }
                hashes.put(hash.getKey(), hash.getValue().textValue());
            }
            artifacts.put(artifact.getKey(), hashes);
        }
        return new Artifacts(artifacts);
    }

    public boolean contains(String path) {
        return byPath.containsKey(path);
    }

    public Map<String, String> hashes(String path) {
        return byPath.get(path);
    }
}
