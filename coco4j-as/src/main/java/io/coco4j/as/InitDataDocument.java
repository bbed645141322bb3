package io.coco4j.as;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.rcar.HashAlgorithm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed init-data document: {@code version} (string), {@code algorithm} ({@code sha256},
 * {@code sha384}, {@code sha512} or {@code sm3}, lowercase only) and the {@code data} table of
 * strings. The digest is the algorithm over the exact UTF-8 bytes of the document.
 */
public final class InitDataDocument {

    private static final TomlMapper TOML = new TomlMapper();
    private static final ObjectReader STRICT_JSON = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Where the Kata agent policy declares its data, as a JSON object running to the end of the file. */
    private static final String POLICY_DATA_MARKER = "policy_data := {";

    private final String version;
    private final HashAlgorithm algorithm;
    private final Map<String, String> data;
    private final byte[] digest;

    private InitDataDocument(String version, HashAlgorithm algorithm, Map<String, String> data, byte[] digest) {
        this.version = version;
        this.algorithm = algorithm;
        this.data = Collections.unmodifiableMap(data);
        this.digest = digest;
    }

    public static InitDataDocument parse(String toml) throws InitDataException {
        JsonNode root;
        try {
            root = TOML.readTree(toml);
        } catch (JsonProcessingException e) {
            throw new InitDataException("init-data is not valid TOML" + location(e) + ": " + printable(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new InitDataException("init-data is not a TOML table");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual()) {
            throw new InitDataException("init-data has no version string");
        }
        JsonNode algorithmName = root.get("algorithm");
        if (algorithmName == null || !algorithmName.isTextual()) {
            throw new InitDataException("init-data has no algorithm string");
        }
        HashAlgorithm algorithm = HashAlgorithm.fromWireName(algorithmName.textValue()).orElseThrow(() -> new InitDataException(
                "init-data algorithm '" + printable(algorithmName.textValue()) + "' is not one of sha256, sha384, sha512, sm3"));
        JsonNode table = root.get("data");
        if (table == null || !table.isObject()) {
            throw new InitDataException("init-data has no data table");
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new InitDataException("init-data data entry '" + printable(entry.getKey()) + "' is not a string");
            }
            data.put(entry.getKey(), entry.getValue().textValue());
        }
        return new InitDataDocument(version.textValue(), algorithm, data, algorithm.digest(toml.getBytes(StandardCharsets.UTF_8)));
    }

    public String version() {
        return version;
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    public Map<String, String> data() {
        return data;
    }

    public byte[] digest() {
        return digest.clone();
    }

    /**
     * {@code init_data_claims}: the data table, with {@code cdh.toml} and {@code aa.toml} turned into
     * JSON when they parse as TOML, and {@code policy.rego} replaced by {@code agent_policy_claims}
     * when it declares {@code policy_data := {…}} running to the end of the file.
     */
    public ObjectNode claims() {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        data.forEach(claims::put);
        for (String key : new String[] {"cdh.toml", "aa.toml"}) {
            String text = data.get(key);
            if (text != null) {
                try {
                    JsonNode parsed = TOML.readTree(text);
                    if (parsed != null) {
                        claims.set(key, parsed);
                    }
                } catch (JsonProcessingException e) {
                    // not TOML: kept as the string it is
                }
            }
        }
        String rego = data.get("policy.rego");
        if (rego != null) {
            int start = rego.indexOf(POLICY_DATA_MARKER);
            if (start >= 0) {
                try {
                    JsonNode policyData = STRICT_JSON.readTree(rego.substring(start + POLICY_DATA_MARKER.length() - 1));
                    claims.remove("policy.rego");
                    claims.set("agent_policy_claims", policyData);
                } catch (IOException e) {
                    // no parseable policy data: the policy stays as text
                }
            }
        }
        return claims;
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static String printable(String text) {
        String cut = text == null ? "" : text.length() > 120 ? text.substring(0, 120) + "…" : text;
        StringBuilder out = new StringBuilder();
        cut.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
