package io.coco4j.rego.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON in and out of the value model. Numbers are read exactly (no detour through double), sets
 * are written as arrays in canonical order, and object keys that are not strings are written as
 * their JSON text.
 */
public final class Json {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(10_000).maxNumberLength(100_000).maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private Json() {
    }

    /** Parses one JSON document. */
    public static Value parse(String json) {
        try (JsonParser p = FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("empty JSON document");
            }
            Value v = read(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after JSON value at " + p.currentLocation().getLineNr()
                        + ":" + p.currentLocation().getColumnNr());
            }
            return v;
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    /** Reads the value starting at the parser's current token (JSON or YAML parsers alike). */
    public static Value read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectValue.Builder b = ObjectValue.builder();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    b.put(StringValue.of(name), read(p));
                }
                return b.build();
            }
            case START_ARRAY: {
                List<Value> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                return ArrayValue.of(items);
            }
            case VALUE_STRING:
                return StringValue.of(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                    case LONG:
                        return NumberValue.of(p.getLongValue());
                    default:
                        return NumberValue.of(p.getBigIntegerValue());
                }
            case VALUE_NUMBER_FLOAT:
                return NumberValue.of(p.getDecimalValue());
            case VALUE_TRUE:
                return BooleanValue.TRUE;
            case VALUE_FALSE:
                return BooleanValue.FALSE;
            case VALUE_NULL:
                return NullValue.INSTANCE;
            case VALUE_EMBEDDED_OBJECT: {
                Object o = p.getEmbeddedObject();
                return o == null ? NullValue.INSTANCE : StringValue.of(o.toString());
            }
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    /** Converts a Jackson tree (as produced elsewhere in an application) to a value. */
    public static Value fromNode(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return NullValue.INSTANCE;
        }
        if (n.isObject()) {
            ObjectValue.Builder b = ObjectValue.builder();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.put(StringValue.of(e.getKey()), fromNode(e.getValue()));
            }
            return b.build();
        }
        if (n.isArray()) {
            Value[] items = new Value[n.size()];
            for (int i = 0; i < items.length; i++) {
                items[i] = fromNode(n.get(i));
            }
            return ArrayValue.wrap(items);
        }
        if (n.isTextual()) {
            return StringValue.of(n.textValue());
        }
        if (n.isBoolean()) {
            return BooleanValue.of(n.booleanValue());
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? NumberValue.of(n.longValue()) : NumberValue.of(n.bigIntegerValue());
        }
        if (n.isFloatingPointNumber()) {
            // A double node carries a binary fraction; its shortest decimal text is what the author wrote.
            return n.isBigDecimal() ? NumberValue.of(n.decimalValue()) : NumberValue.of(n.doubleValue());
        }
        if (n.isBinary()) {
            return StringValue.of(n.asText());
        }
        throw new IllegalArgumentException("unsupported JSON node " + n.getNodeType());
    }

    /** Converts a value to a Jackson tree. */
    public static JsonNode toNode(Value v) {
        try {
            return new ObjectMapper().readTree(write(v));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON text. */
    public static String write(Value v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    public static void write(StringBuilder sb, Value v) {
        switch (v.type()) {
            case STRING:
                RegoText.quote(sb, ((StringValue) v).value());
                break;
            case ARRAY: {
                ArrayValue a = (ArrayValue) v;
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(sb, a.get(i));
                }
                sb.append(']');
                break;
            }
            case SET: {
                SetValue s = (SetValue) v;
                sb.append('[');
                for (int i = 0; i < s.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(sb, s.get(i));
                }
                sb.append(']');
                break;
            }
            case OBJECT: {
                ObjectValue o = (ObjectValue) v;
                sb.append('{');
                for (int i = 0; i < o.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    Value k = o.keyAt(i);
                    RegoText.quote(sb, k instanceof StringValue s ? s.value() : write(k));
                    sb.append(':');
                    write(sb, o.valueAt(i));
                }
                sb.append('}');
                break;
            }
            default:
                sb.append(v);
        }
    }

    /** Indented JSON text (two spaces), as {@code opa eval} prints results. */
    public static String writePretty(Value v) {
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = FACTORY.createGenerator(w)) {
                g.useDefaultPrettyPrinter();
                generate(g, v);
            }
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void generate(JsonGenerator g, Value v) throws IOException {
        switch (v.type()) {
            case NULL:
                g.writeNull();
                break;
            case BOOLEAN:
                g.writeBoolean(((BooleanValue) v).value());
                break;
            case NUMBER:
                g.writeNumber(v.toString());
                break;
            case STRING:
                g.writeString(((StringValue) v).value());
                break;
            case ARRAY:
                g.writeStartArray();
                for (Value e : ((ArrayValue) v).asList()) {
                    generate(g, e);
                }
                g.writeEndArray();
                break;
            case SET:
                g.writeStartArray();
                for (Value e : ((SetValue) v).elements()) {
                    generate(g, e);
                }
                g.writeEndArray();
                break;
            case OBJECT: {
                ObjectValue o = (ObjectValue) v;
                g.writeStartObject();
                for (int i = 0; i < o.size(); i++) {
                    Value k = o.keyAt(i);
                    g.writeFieldName(k instanceof StringValue s ? s.value() : write(k));
                    generate(g, o.valueAt(i));
                }
                g.writeEndObject();
                break;
            }
            default:
                throw new IllegalStateException();
        }
    }
}
