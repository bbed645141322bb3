package io.coco4j.kbs.plugin;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a plugin sees of a request: method, the path below its name, the query, the body, and for
 * attested callers the {@code init_data_claims} of their token.
 */
public record PluginRequest(String method, List<String> path, Map<String, String> query, byte[] body,
                            Optional<JsonNode> initDataClaims) {

    public PluginRequest {
        path = List.copyOf(path);
        query = Map.copyOf(query);
    }

    public boolean isGet() {
        return "GET".equals(method);
    }
}
