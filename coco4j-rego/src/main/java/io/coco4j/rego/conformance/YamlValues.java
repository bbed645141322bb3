package io.coco4j.rego.conformance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a YAML document into values, resolving plain scalars as the Go and Rust YAML loaders of
 * the case files do: {@code 2e-18} is a number (YAML 1.1 readers would keep it a string), while a
 * quoted {@code "2e-18"} stays a string.
 */
final class YamlValues {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

    private YamlValues() {
    }

    /**
     * Reads the document. With {@code typedKeys} (regorus' loader) plain mapping keys such as
     * {@code 1}, {@code true} or {@code null} are those values; otherwise (OPA's loader, via JSON)
     * every key is a string.
     */
    static Value read(String src, boolean typedKeys) throws IOException {
        try (JsonParser p = YAML.createParser(src)) {
            p.nextToken();
            return read(p, src, typedKeys);
        }
    }

    private static boolean plainAt(JsonParser p, String src) {
        long off = p.currentTokenLocation().getCharOffset();
        if (off < 0 || off >= src.length()) {
            return false;
        }
        char c = src.charAt((int) off);
        return c != '"' && c != '\'' && c != '|' && c != '>';
    }

    private static Value number(String text) {
        return NumberValue.parse(text.startsWith("+") ? text.substring(1) : text.startsWith(".") ? "0" + text
                : text.startsWith("-.") ? "-0" + text.substring(1) : text.endsWith(".") ? text + "0" : text);
    }

    private static Value read(JsonParser p, String src, boolean typedKeys) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                io.coco4j.rego.value.ObjectValue.Builder b = io.coco4j.rego.value.ObjectValue.builder();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    Value key = StringValue.of(name);
                    if (typedKeys && plainAt(p, src)) {
                        if (name.equals("null") || name.equals("~")) {
                            key = io.coco4j.rego.value.NullValue.INSTANCE;
                        } else if (name.equals("true") || name.equals("false")) {
                            key = io.coco4j.rego.value.BooleanValue.of(name.equals("true"));
                        } else if (FLOAT.matcher(name).matches()) {
                            key = number(name);
                        }
                    }
                    p.nextToken();
                    b.put(key, read(p, src, typedKeys));
                }
                return b.build();
            }
            case START_ARRAY: {
                List<Value> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, src, typedKeys));
                }
                return io.coco4j.rego.value.ArrayValue.of(items);
            }
            case VALUE_STRING: {
                String text = p.getText();
                if (plainAt(p, src) && FLOAT.matcher(text).matches()) {
                    return number(text);
                }
                return StringValue.of(text);
            }
            default:
                return Json.read(p);
        }
    }
}
