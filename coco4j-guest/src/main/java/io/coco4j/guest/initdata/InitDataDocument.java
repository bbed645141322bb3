package io.coco4j.guest.initdata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.coco4j.protocol.rcar.HashAlgorithm;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An init-data document: TOML with {@code version}, {@code algorithm} (lowercase {@code sha256},
 * {@code sha384}, {@code sha512} or {@code sm3}) and a {@code [data]} table of strings. Its digest is
 * {@code algorithm} over the exact bytes of the document; nothing is canonicalised, so the text is
 * kept as read and sent verbatim to the KBS.
 */
public final class InitDataDocument {

    private static final TomlMapper TOML = new TomlMapper();

    private final String text;
    private final String version;
    private final HashAlgorithm algorithm;
    private final Map<String, String> data;
    private final byte[] digest;

    private InitDataDocument(String text, String version, HashAlgorithm algorithm, Map<String, String> data) {
        this.text = text;
        this.version = version;
        this.algorithm = algorithm;
        this.data = data;
        this.digest = algorithm.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses the bytes of a document, which must be UTF-8 TOML. */
    public static InitDataDocument parse(byte[] bytes) throws InitDataException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InitDataException("the init-data is not UTF-8 text");
        }
        return parse(text);
    }

    public static InitDataDocument parse(String text) throws InitDataException {
        Objects.requireNonNull(text, "text");
        JsonNode root;
        try {
            root = TOML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InitDataException("the init-data is not TOML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        if (root == null || !root.isObject()) {
            throw new InitDataException("the init-data is not a TOML table");
        }
        String version = requiredString(root, "version");
        String algorithmName = requiredString(root, "algorithm");
        HashAlgorithm algorithm = HashAlgorithm.fromWireName(algorithmName).orElseThrow(() -> new InitDataException(
                "unknown init-data algorithm '" + algorithmName + "' (expected sha256, sha384, sha512 or sm3)"));
        JsonNode table = root.get("data");
        if (table == null || !table.isObject()) {
            throw new InitDataException("the init-data has no [data] table");
        }
        Map<String, String> data = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isTextual()) {
                throw new InitDataException("init-data entry '" + entry.getKey() + "' is not a string");
            }
            data.put(entry.getKey(), entry.getValue().textValue());
        }
        return new InitDataDocument(text, version, algorithm, Collections.unmodifiableMap(data));
    }

    private static String requiredString(JsonNode root, String name) throws InitDataException {
        JsonNode value = root.get(name);
        if (value == null || !value.isTextual()) {
            throw new InitDataException("the init-data has no string '" + name + "'");
        }
        return value.textValue();
    }

    /** The document exactly as read: what the KBS receives as {@code init-data.body}. */
    public String text() {
        return text;
    }

    public String version() {
        return version;
    }

    public HashAlgorithm algorithm() {
        return algorithm;
    }

    /** The {@code [data]} entries (e.g. {@code aa.toml}, {@code cdh.toml}, {@code policy.rego}). */
    public Map<String, String> data() {
        return data;
    }

    /** {@code algorithm(bytes of the document)}. */
    public byte[] digest() {
        return digest.clone();
    }

    public String digestBase64() {
        return Base64.getEncoder().encodeToString(digest);
    }

    /** The digest fitted to a hardware field: truncated, or zero-padded at the end. */
    public byte[] fittedDigest(int size) {
        return fit(digest, size);
    }

    /** Fits a digest to a hardware field of {@code size} bytes: truncated, or zero-padded at the end. */
    public static byte[] fit(byte[] digest, int size) {
        return Arrays.copyOf(digest, size);
    }

    @Override
    public String toString() {
        return "InitDataDocument[version=" + version + ", algorithm=" + algorithm.wireName() + ", entries=" + data.keySet() + "]";
    }
}
