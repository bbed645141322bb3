package io.coco4j.kbs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One table of the parsed configuration together with its dotted path, offering typed reads whose
 * errors name the full path of the key. A {@code null} value (YAML {@code ~}, JSON {@code null})
 * counts as absent, as an {@code Option} field does in the reference.
 */
final class ConfigTable {

    private final ObjectNode node;
    private final String path;

    private ConfigTable(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static ConfigTable of(JsonNode value, String path) throws ConfigException {
        if (!(value instanceof ObjectNode object)) {
            throw new ConfigException(path, "expected a table, found " + describe(value));
        }
        return new ConfigTable(object, path);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ObjectNode node() {
        return node;
    }

    /** Fails on the first key that is not one of {@code allowed}, naming it and the keys allowed here. */
    void allowOnly(String... allowed) throws ConfigException {
        Set<String> known = new LinkedHashSet<>(Arrays.asList(allowed));
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ConfigException(pathOf(key), "unknown configuration key (keys allowed in "
                        + (path.isEmpty() ? "the top level" : path) + ": " + String.join(", ", known) + ")");
            }
        }
    }

    boolean has(String key) {
        JsonNode value = node.get(key);
        return value != null && !value.isNull();
    }

    Optional<JsonNode> tree(String key) {
        return has(key) ? Optional.of(node.get(key).deepCopy()) : Optional.empty();
    }

    Optional<String> string(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isTextual()) {
            throw wrongType(key, "a string", value);
        }
        return Optional.of(value.textValue());
    }

    String requiredString(String key) throws ConfigException {
        return string(key).orElseThrow(() -> missing(key));
    }

    /** A string that counts as absent when empty, as the reference's "leave empty to skip" settings do. */
    Optional<String> nonEmptyString(String key) throws ConfigException {
        return string(key).filter(s -> !s.isEmpty());
    }

    Optional<Boolean> bool(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isBoolean()) {
            throw wrongType(key, "a boolean (true or false)", value);
        }
        return Optional.of(value.booleanValue());
    }

    OptionalLong integer(String key, long min, long max) throws ConfigException {
        if (!has(key)) {
            return OptionalLong.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(key, "an integer", value);
        }
        long number = value.longValue();
        if (number < min || number > max) {
            throw new ConfigException(pathOf(key), "must be between " + min + " and " + max + ", found " + number);
        }
        return OptionalLong.of(number);
    }

    Optional<List<String>> stringList(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw wrongType(key, "an array of strings", value);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw new ConfigException(pathOf(key) + "[" + i + "]", "expected a string, found " + describe(item));
            }
            out.add(item.textValue());
        }
        return Optional.of(out);
    }

    Optional<ConfigTable> table(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        return Optional.of(of(node.get(key), pathOf(key)));
    }

    ConfigTable requiredTable(String key) throws ConfigException {
        return table(key).orElseThrow(() -> missing(key));
    }

    Optional<List<ConfigTable>> tableList(String key) throws ConfigException {
        if (!has(key)) {
            return Optional.empty();
        }
        JsonNode value = node.get(key);
        if (!value.isArray()) {
            throw wrongType(key, "an array of tables", value);
        }
        List<ConfigTable> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            out.add(of(value.get(i), pathOf(key) + "[" + i + "]"));
        }
        return Optional.of(out);
    }

    ConfigException missing(String key) {
        return new ConfigException(pathOf(key), "required key is missing");
    }

    ConfigException invalid(String key, String problem) {
        return new ConfigException(pathOf(key), problem);
    }

    private ConfigException wrongType(String key, String expected, JsonNode found) {
        return new ConfigException(pathOf(key), "expected " + expected + ", found " + describe(found));
    }

    static String describe(JsonNode value) {
        if (value == null || value.isNull()) {
            return "nothing";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            return "a floating-point number";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isObject()) {
            return "a table";
        }
        return "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " value";
    }
}
