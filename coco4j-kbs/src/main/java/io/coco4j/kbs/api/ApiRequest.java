package io.coco4j.kbs.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request below {@code /kbs/v0/}, split as the reference dispatcher does: segment 0 names the
 * plugin (or a built-in endpoint), the rest is the resource path; the query is a string map.
 *
 * @param pathAndQuery the request target as received (admin ACLs match it)
 * @param body         the body, already bounded by {@code payload_request_size}
 */
public record ApiRequest(
        String method,
        String name,
        List<String> path,
        Map<String, String> query,
        String pathAndQuery,
        Optional<String> sessionCookie,
        Optional<String> authorization,
        byte[] body) {

    public ApiRequest {
        path = List.copyOf(path);
        query = Map.copyOf(query);
    }
}
