package io.coco4j.kbs.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.Tee;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * A session as stored outside the process: {@code {"tee","nonce","expires_at_ms","token"}} in UTF-8
 * JSON. The id is the storage key. Encoding is deterministic, so the bytes read can serve as the
 * expected value of a compare-and-set.
 */
final class SessionCodec {

    private SessionCodec() {
    }

    static byte[] encode(Session session) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("tee", session.tee().wireName());
        node.put("nonce", session.nonce());
        node.put("expires_at_ms", session.expiresAt().toEpochMilli());
        if (session.token().isPresent()) {
            node.put("token", session.token().get());
        } else {
            node.putNull("token");
        }
        return Json.writeBytes(node);
    }

    static Session decode(String id, byte[] stored) {
        try {
            JsonNode node = Json.readTree(stored);
            Tee tee = Tee.fromWireName(node.path("tee").asText("")).orElseThrow(() -> new IOException("unknown TEE"));
            JsonNode nonce = node.get("nonce");
            JsonNode expires = node.get("expires_at_ms");
            JsonNode token = node.get("token");
            if (nonce == null || !nonce.isTextual() || expires == null || !expires.canConvertToLong()) {
                throw new IOException("missing members");
            }
            return new Session(id, tee, nonce.textValue(), Instant.ofEpochMilli(expires.longValue()),
                    token == null || token.isNull() ? Optional.empty() : Optional.of(token.asText()));
        } catch (IOException | RuntimeException e) {
            // the stored bytes may hold a token: name the session only
            throw new SessionStoreException("a stored session is corrupt");
        }
    }
}
