package io.coco4j.as.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.ReferenceValueProvider;
import io.coco4j.rvps.ReferenceValueStoreException;
import io.coco4j.rvps.RvpsException;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reference values held in a map, for policy tests that need exact control of what is present. */
final class MapReferenceValues implements ReferenceValueProvider {

    private final Map<String, JsonNode> values = new HashMap<>();
    private boolean broken;

    MapReferenceValues put(String name, String json) throws Exception {
        values.put(name, Json.readTree(json));
        return this;
    }

    MapReferenceValues broken() {
        broken = true;
        return this;
    }

    @Override
    public Optional<JsonNode> query(String name) throws RvpsException {
        if (broken) {
            throw new ReferenceValueStoreException("store unavailable");
        }
        return Optional.ofNullable(values.get(name)).map(JsonNode::deepCopy);
    }

    @Override
    public void register(String messageJson) {
        throw new UnsupportedOperationException("registration is not part of these tests");
    }
}
