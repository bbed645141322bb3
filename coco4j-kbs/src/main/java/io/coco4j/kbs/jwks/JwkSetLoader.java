package io.coco4j.kbs.jwks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads trusted JWK sets from {@code file://} URIs, plain paths and {@code https://} URLs. When an
 * {@code https://} URL does not answer with a non-empty JWK set, it is treated as an OpenID provider:
 * {@code <url>/.well-known/openid-configuration} names the {@code jwks_uri} to load instead.
 */
public final class JwkSetLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeySourceReader reader;

    public JwkSetLoader(KeySourceReader reader) {
        this.reader = reader;
    }

    public TrustedJwkSet load(String location) throws KeySourceException {
        String problem;
        try {
            return parse(location, reader.read(location));
        } catch (KeySourceException e) {
            if (!KeySourceReader.isHttps(location)) {
                throw e;
            }
            problem = e.getMessage();
        }
        String discovery = stripTrailingSlashes(location) + "/.well-known/openid-configuration";
        String jwksUri;
        try {
            JsonNode config = JSON.readTree(reader.read(discovery));
            JsonNode uri = config == null ? null : config.get("jwks_uri");
            if (uri == null || !uri.isTextual() || uri.textValue().isEmpty()) {
                throw new KeySourceException(discovery + " has no jwks_uri");
            }
            jwksUri = uri.textValue();
        } catch (IOException e) {
            throw new KeySourceException(location + " is not a JWK set (" + problem + ") and " + discovery
                    + " is not JSON: " + jsonProblem(e), e);
        } catch (KeySourceException e) {
            throw new KeySourceException(location + " is not a JWK set (" + problem
                    + ") and OpenID discovery failed: " + e.getMessage(), e);
        }
        if (!KeySourceReader.isHttps(jwksUri)) {
            throw new KeySourceException("jwks_uri " + jwksUri + " announced by " + discovery + " is not https://");
        }
        return parse(jwksUri, reader.read(jwksUri));
    }

    /** Parses a JWK set document; a set without keys is an error. */
    static TrustedJwkSet parse(String source, byte[] document) throws KeySourceException {
        JsonNode root;
        try {
            root = JSON.readTree(document);
        } catch (IOException e) {
            throw new KeySourceException(source + " is not JSON: " + jsonProblem(e), e);
        }
        JsonNode keys = root == null ? null : root.get("keys");
        if (keys == null || !keys.isArray()) {
            throw new KeySourceException(source + " is not a JWK set: it has no \"keys\" array");
        }
        if (keys.isEmpty()) {
            throw new KeySourceException(source + " is an empty JWK set");
        }
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode key : keys) {
            if (!key.isObject() || !key.path("kty").isTextual()) {
                throw new KeySourceException(source + " holds an entry that is not a JWK (no \"kty\")");
            }
            list.add(key);
        }
        return new TrustedJwkSet(source, list);
    }

    private static String jsonProblem(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage()
                : e.getMessage();
    }

    private static String stripTrailingSlashes(String url) {
        String out = url;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
