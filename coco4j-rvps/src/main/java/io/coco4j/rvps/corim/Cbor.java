package io.coco4j.rvps.corim;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CBOR decoded with Jackson's streaming parser into plain values that keep their tags:
 * {@code Map<String, Object>} (integer keys as their decimal text), {@code List<Object>},
 * {@code byte[]}, {@code String}, {@code BigInteger}, {@code Boolean}, {@code null}, and
 * {@link Tagged} around any tagged item. CoRIM means different things by the same bytes under
 * different tags (a UUID, raw bytes, a CoMID), so the tags must survive.
 */
final class Cbor {

    private static final CBORFactory FACTORY = new CBORFactory();
    private static final int MAX_DEPTH = 64;

    /** A tagged data item. */
    record Tagged(long tag, Object value) {
    }

    private Cbor() {
    }

    static Object decode(byte[] data) throws IOException {
        try (CBORParser parser = (CBORParser) FACTORY.createParser(data)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("empty CBOR");
            }
            Object value = read(parser, 0);
            if (parser.nextToken() != null) {
                throw new IOException("trailing data after the CBOR item");
            }
            return value;
        }
    }

    private static Object read(CBORParser parser, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("CBOR nested deeper than " + MAX_DEPTH);
        }
        // Jackson reports the outermost tag of an item; CoRIM never stacks tags past the 500/502
        // wrappers, which are stripped before decoding
        int tag = parser.getCurrentTag();
        Object value = switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    if (map.put(key, read(parser, depth + 1)) != null) {
                        throw new IOException("duplicate CBOR map key " + key);
                    }
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser, depth + 1));
                }
                yield list;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT -> {
                // NaN and the infinities have no decimal value
                if (parser.isNaN()) {
                    throw new IOException("a CBOR float that is not a finite number");
                }
                yield parser.getDecimalValue();
            }
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case VALUE_EMBEDDED_OBJECT -> {
                Object embedded = parser.getEmbeddedObject();
                if (embedded instanceof byte[] bytes) {
                    yield bytes;
                }
                throw new IOException("unsupported CBOR item " + embedded);
            }
            default -> throw new IOException("unexpected CBOR token " + parser.currentToken());
        };
        return tag < 0 ? value : new Tagged(tag, value);
    }

    /** Renders a decoded value for debugging and error messages. */
    static String describe(Object value) {
        if (value instanceof byte[] bytes) {
            return "h'" + java.util.HexFormat.of().formatHex(bytes) + "'";
        }
        if (value instanceof Tagged tagged) {
            return tagged.tag() + "(" + describe(tagged.value()) + ")";
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            map.forEach((k, v) -> out.append(out.length() > 1 ? ", " : "").append(k).append(": ").append(describe(v)));
            return out.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            list.forEach(v -> out.append(out.length() > 1 ? ", " : "").append(describe(v)));
            return out.append(']').toString();
        }
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        return String.valueOf(value);
    }

    static boolean isInteger(Object value) {
        return value instanceof BigInteger;
    }
}
