package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code base64.*, base64url.*, hex.*, urlquery.*}. */
final class EncodingBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("base64.encode", 1, (a, c) -> StringValue.of(
                        Base64.getEncoder().encodeToString(bytes(Operands.string("base64.encode", a, 0, c))))),
                SimpleBuiltin.of("base64.decode", 1, (a, c) -> StringValue.of(text(decode("base64.decode",
                        Operands.string("base64.decode", a, 0, c), false)))),
                SimpleBuiltin.of("base64.is_valid", 1, (a, c) -> BooleanValue.of(valid(Operands.string("base64.is_valid", a, 0, c)))),
                SimpleBuiltin.of("base64url.encode", 1, (a, c) -> StringValue.of(
                        Base64.getUrlEncoder().encodeToString(bytes(Operands.string("base64url.encode", a, 0, c))))),
                SimpleBuiltin.of("base64url.encode_no_pad", 1, (a, c) -> StringValue.of(Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(bytes(Operands.string("base64url.encode_no_pad", a, 0, c))))),
                SimpleBuiltin.of("base64url.decode", 1, (a, c) -> StringValue.of(text(decode("base64url.decode",
                        Operands.string("base64url.decode", a, 0, c), true)))),
                SimpleBuiltin.of("hex.encode", 1, (a, c) -> StringValue.of(
                        HexFormat.of().formatHex(bytes(Operands.string("hex.encode", a, 0, c))))),
                SimpleBuiltin.of("hex.decode", 1, EncodingBuiltins::hexDecode),
                SimpleBuiltin.of("urlquery.encode", 1, (a, c) -> StringValue.of(queryEscape(Operands.string("urlquery.encode", a, 0, c)))),
                SimpleBuiltin.of("urlquery.decode", 1, (a, c) -> StringValue.of(queryUnescape("urlquery.decode",
                        Operands.string("urlquery.decode", a, 0, c)))),
                SimpleBuiltin.of("urlquery.encode_object", 1, EncodingBuiltins::encodeObject),
                SimpleBuiltin.of("urlquery.decode_object", 1, EncodingBuiltins::decodeObject));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] decode(String name, String s, boolean url) {
        try {
            if (url) {
                String t = s;
                while (t.endsWith("=")) {
                    t = t.substring(0, t.length() - 1);
                }
                return Base64.getUrlDecoder().decode(t);
            }
            if (s.length() % 4 != 0) {
                throw new IllegalArgumentException("illegal base64 data: length is not a multiple of 4");
            }
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw Operands.failure(name, "illegal base64 data: " + e.getMessage());
        }
    }

    private static boolean valid(String s) {
        try {
            decode("base64.is_valid", s, false);
            return true;
        } catch (BuiltinException e) {
            return false;
        }
    }

    private static Value hexDecode(Value[] a, BuiltinContext c) {
        String s = Operands.string("hex.decode", a, 0, c);
        try {
            return StringValue.of(text(HexFormat.of().parseHex(s)));
        } catch (IllegalArgumentException e) {
            throw Operands.failure("hex.decode", "invalid hex string: " + e.getMessage());
        }
    }

    /** Go's url.QueryEscape. */
    static String queryEscape(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes(s)) {
            int ch = b & 0xff;
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'
                    || ch == '.' || ch == '~') {
                sb.append((char) ch);
            } else if (ch == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(ch >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(ch & 15, 16)));
            }
        }
        return sb.toString();
    }

    static String queryUnescape(String name, String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '+') {
                out.write(' ');
            } else if (ch == '%') {
                if (i + 2 >= s.length()) {
                    throw Operands.failure(name, "invalid URL escape \"" + s.substring(i) + "\"");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw Operands.failure(name, "invalid URL escape \"" + s.substring(i, i + 3) + "\"");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return text(out.toByteArray());
    }

    private static Value encodeObject(Value[] a, BuiltinContext c) {
        ObjectValue o = Operands.object("urlquery.encode_object", a, 0, c);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < o.size(); i++) {
            if (!(o.keyAt(i) instanceof StringValue k)) {
                throw Operands.typeError("urlquery.encode_object", 0, "object with string keys", "object", a[0], c);
            }
            Value v = o.valueAt(i);
            List<Value> vals;
            if (v instanceof ArrayValue arr) {
                vals = arr.asList();
            } else if (v instanceof SetValue set) {
                vals = set.elements();
            } else {
                vals = List.of(v);
            }
            for (Value item : vals) {
                if (!(item instanceof StringValue s)) {
                    throw Operands.typeError("urlquery.encode_object", 0, "object of strings or arrays of strings", "object", a[0], c);
                }
                if (sb.length() > 0) {
                    sb.append('&');
                }
                sb.append(queryEscape(k.value())).append('=').append(queryEscape(s.value()));
            }
        }
        return StringValue.of(sb.toString());
    }

    private static Value decodeObject(Value[] a, BuiltinContext c) {
        String s = Operands.string("urlquery.decode_object", a, 0, c);
        Map<String, List<Value>> m = new LinkedHashMap<>();
        for (String part : s.split("[&;]")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String k = queryUnescape("urlquery.decode_object", eq < 0 ? part : part.substring(0, eq));
            String v = eq < 0 ? "" : queryUnescape("urlquery.decode_object", part.substring(eq + 1));
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(StringValue.of(v));
        }
        ObjectValue.Builder b = ObjectValue.builder();
        m.forEach((k, v) -> b.put(k, ArrayValue.of(v)));
        return b.build();
    }
}
