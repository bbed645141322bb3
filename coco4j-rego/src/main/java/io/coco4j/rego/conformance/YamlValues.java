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

    static Value read(String src) throws IOException {
        try (JsonParser p = YAML.createParser(src)) {
            p.nextToken();
            return read(p, src);
        }
    }

    private static Value read(JsonParser p, String src) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                io.coco4j.rego.value.ObjectValue.Builder b = io.coco4j.rego.value.ObjectValue.builder();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    b.put(StringValue.of(name), read(p, src));
                }
                return b.build();
            }
            case START_ARRAY: {
                List<Value> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p, src));
                }
                return io.coco4j.rego.value.ArrayValue.of(items);
            }
            case VALUE_STRING: {
                String text = p.getText();
                long off = p.currentTokenLocation().getCharOffset();
                boolean plain = off >= 0 && off < src.length() && src.charAt((int) off) != '"' && src.charAt((int) off) != '\''
                        && src.charAt((int) off) != '|' && src.charAt((int) off) != '>';
                if (plain && FLOAT.matcher(text).matches()) {
                    return NumberValue.parse(text.startsWith("+") ? text.substring(1) : text.startsWith(".") ? "0" + text
                            : text.startsWith("-.") ? "-0" + text.substring(1) : text.endsWith(".") ? text + "0" : text);
                }
                return StringValue.of(text);
            }
            default:
                return Json.read(p);
        }
    }
}
