package io.coco4j.rvps.intoto;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical JSON that in-toto (securesystemslib) signs: object keys sorted by code point, no
 * whitespace, and inside strings only {@code \} and {@code "} escaped — every other character,
 * newlines and non-ASCII included, is written as its raw UTF-8 bytes. Numbers must be integers.
 * This is not RFC 8785 (JCS), which escapes control characters.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static byte[] encode(JsonNode node) throws InTotoFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        write(node, out);
        return out.toByteArray();
    }

    private static void write(JsonNode node, ByteArrayOutputStream out) throws InTotoFormatException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                names.sort(CanonicalJson::compareCodePoints);
                out.write('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    string(names.get(i), out);
                    out.write(':');
                    write(node.get(names.get(i)), out);
                }
                out.write('}');
            }
            case ARRAY -> {
                out.write('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    write(node.get(i), out);
                }
                out.write(']');
            }
            case STRING -> string(node.textValue(), out);
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new InTotoFormatException("canonical JSON allows integers only, found " + node);
                }
                out.writeBytes(node.bigIntegerValue().toString().getBytes(StandardCharsets.US_ASCII));
            }
            case BOOLEAN -> out.writeBytes((node.booleanValue() ? "true" : "false").getBytes(StandardCharsets.US_ASCII));
            case NULL -> out.writeBytes("null".getBytes(StandardCharsets.US_ASCII));
            default -> throw new InTotoFormatException("value of type " + node.getNodeType() + " has no canonical JSON form");
        }
    }

    private static void string(String text, ByteArrayOutputStream out) {
        out.write('"');
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (b == '\\' || b == '"') {
                out.write('\\');
            }
            out.write(b);
        }
        out.write('"');
    }

    /** Python sorts str keys by code point; Java's compareTo compares UTF-16 units. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
