package io.coco4j.kbs.jwks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A JWT in JWS compact serialisation, split and decoded but not yet verified. Header and claims must
 * be JSON objects without duplicate members; a {@code crit} header is refused because no extension
 * is understood here.
 */
public final class CompactJws {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final JsonNode header;
    private final JsonNode claims;
    private final byte[] signingInput;
    private final byte[] signature;

    private CompactJws(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    public static CompactJws parse(String token) throws JwsException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new JwsException("a JWT has three dot-separated parts, this one has " + parts.length);
        }
        JsonNode header = jsonObject(parts[0], "header");
        JsonNode claims = jsonObject(parts[1], "claims");
        byte[] signature = decode(parts[2], "signature");
        if (signature.length == 0) {
            throw new JwsException("the token carries no signature");
        }
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual()) {
            throw new JwsException("the token header has no \"alg\"");
        }
        if (header.has("crit")) {
            throw new JwsException("the token header marks critical extensions (\"crit\"), none of which are supported");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        return new CompactJws(header, claims, signingInput, signature);
    }

    private static JsonNode jsonObject(String part, String what) throws JwsException {
        byte[] bytes = decode(part, what);
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new JwsException("the token " + what + " is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new JwsException("the token " + what + " is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new JwsException("the token " + what + " is not a JSON object");
        }
        return node;
    }

    private static byte[] decode(String part, String what) throws JwsException {
        try {
            return Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw new JwsException("the token " + what + " is not base64url");
        }
    }

    /** The protected header (a copy). */
    public JsonNode header() {
        return header.deepCopy();
    }

    /** The header's {@code alg}. */
    public String algorithm() {
        return header.get("alg").textValue();
    }

    /** The header's {@code kid}, when it is a string. */
    public Optional<String> keyId() {
        JsonNode kid = header.get("kid");
        return kid != null && kid.isTextual() ? Optional.of(kid.textValue()) : Optional.empty();
    }

    /** The header's embedded {@code jwk}, if any. */
    public Optional<JsonNode> headerJwk() {
        JsonNode jwk = header.get("jwk");
        return jwk == null || jwk.isNull() ? Optional.empty() : Optional.of(jwk.deepCopy());
    }

    /** The claims (a copy). */
    public JsonNode claims() {
        return claims.deepCopy();
    }

    /** {@code BASE64URL(header) || '.' || BASE64URL(payload)}, the bytes the signature covers. */
    public byte[] signingInput() {
        return signingInput.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }
}
