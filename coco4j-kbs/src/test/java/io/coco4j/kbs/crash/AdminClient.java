package io.coco4j.kbs.crash;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.json.Json;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The admin API requests that write a version of a target, as an administrator sends them. */
final class AdminClient {

    private final TestKbs kbs;
    private final String authorization;

    AdminClient(TestKbs kbs) throws java.io.IOException {
        this.kbs = kbs;
        this.authorization = "Bearer " + kbs.adminToken();
    }

    HttpResponse<byte[]> write(Target target, Payload payload) throws Exception {
        return switch (target.kind()) {
            case RESOURCE -> kbs.send("POST", "/kbs/v0/resource/" + target.name(), payload.bytes(), "Authorization", authorization);
            case RESOURCE_POLICY -> post("/kbs/v0/resource-policy", policyUpload(payload));
            case ATTESTATION_POLICY -> post("/kbs/v0/attestation-policy", policyUpload(payload).put("type", "rego")
                    .put("policy_id", target.name()));
            case REFERENCE_VALUES -> post("/kbs/v0/reference-value", sampleMessage(target, payload));
        };
    }

    private HttpResponse<byte[]> post(String path, ObjectNode body) throws Exception {
        return kbs.send("POST", path, Json.writeBytes(body), "Authorization", authorization, "Content-Type", "application/json");
    }

    private static ObjectNode policyUpload(Payload payload) {
        return Json.mapper().createObjectNode().put("policy", Base64.getUrlEncoder().withoutPadding().encodeToString(payload.bytes()));
    }

    /** A {@code sample} message registering the payload, as text, under every name of the group. */
    private static ObjectNode sampleMessage(Target target, Payload payload) {
        ObjectNode values = Json.mapper().createObjectNode();
        String text = new String(payload.bytes(), StandardCharsets.UTF_8);
        target.referenceValueNames().forEach(name -> values.put(name, text));
        return Json.mapper().createObjectNode().put("version", "0.1.0").put("type", "sample")
                .put("payload", Base64.getEncoder().encodeToString(Json.writeBytes(values)));
    }
}
