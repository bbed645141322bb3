package io.coco4j.kbs.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the KBS error bodies the attack tests expect. */
final class Refusals {

    private Refusals() {
    }

    static JsonNode assertRefused(HttpResponse<byte[]> response, int status, String variant) throws Exception {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(status);
        JsonNode body = Json.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("https://github.com/confidential-containers/kbs/errors/" + variant);
        return body;
    }

    static String b64url(String text) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64url(byte[] bytes) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
