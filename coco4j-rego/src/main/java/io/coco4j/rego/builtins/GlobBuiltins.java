package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NullValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code glob.match} and {@code glob.quote_meta}: {@code *} (not across delimiters), {@code **},
 * {@code ?}, {@code [...]}/{@code [!...]}, {@code {a,b}} and backslash escapes. Delimiters
 * {@code []} mean {@code ["."]}; {@code null} means none.
 */
final class GlobBuiltins implements BuiltinFamily {
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("glob.match", 3, GlobBuiltins::match),
                SimpleBuiltin.of("glob.quote_meta", 1, (a, c) -> StringValue.of(quoteMeta(Operands.string("glob.quote_meta", a, 0, c)))));
    }

    private static Value match(Value[] a, BuiltinContext c) {
        String pattern = Operands.string("glob.match", a, 0, c);
        List<String> delims = new ArrayList<>();
        if (a[1] instanceof ArrayValue arr) {
            for (Value d : arr.asList()) {
                if (!(d instanceof StringValue s)) {
                    throw Operands.typeError("glob.match", 1, "array of strings", "array of strings", a[1], c);
                }
                delims.add(s.value());
            }
            if (delims.isEmpty()) {
                delims.add(".");
            }
        } else if (!(a[1] instanceof NullValue)) {
            throw Operands.typeError("glob.match", 1, "one of {array, null}", "array/null", a[1], c);
        }
        String subject = Operands.string("glob.match", a, 2, c);
        String key = pattern + "\u0000" + String.join("\u0000", delims);
        Pattern p = CACHE.get(key);
        if (p == null) {
            p = Pattern.compile(toRegex(pattern, delims), Pattern.DOTALL);
            if (CACHE.size() > 2048) {
                CACHE.clear();
            }
            CACHE.put(key, p);
        }
        return BooleanValue.of(p.matcher(subject).matches());
    }

    static String toRegex(String glob, List<String> delims) {
        StringBuilder notDelim = new StringBuilder();
        if (delims.isEmpty()) {
            notDelim.append("(?s:.)");
        } else {
            notDelim.append("(?:(?!");
            for (int i = 0; i < delims.size(); i++) {
                if (i > 0) {
                    notDelim.append('|');
                }
                notDelim.append(Pattern.quote(delims.get(i)));
            }
            notDelim.append(")(?s:.))");
        }
        StringBuilder out = new StringBuilder();
        int[] pos = {0};
        convert(glob, pos, out, notDelim.toString(), false);
        return out.toString();
    }

    private static void convert(String g, int[] pos, StringBuilder out, String single, boolean inBraces) {
        while (pos[0] < g.length()) {
            char ch = g.charAt(pos[0]);
            if (inBraces && (ch == ',' || ch == '}')) {
                return;
            }
            pos[0]++;
            switch (ch) {
                case '*':
                    if (pos[0] < g.length() && g.charAt(pos[0]) == '*') {
                        pos[0]++;
                        out.append("(?s:.)*");
                    } else {
                        out.append(single).append('*');
                    }
                    break;
                case '?':
                    out.append(single);
                    break;
                case '\\':
                    if (pos[0] < g.length()) {
                        out.append(Pattern.quote(String.valueOf(g.charAt(pos[0]++))));
                    }
                    break;
                case '[': {
                    int end = g.indexOf(']', pos[0] + 1);
                    if (end < 0) {
                        out.append("\\[");
                        break;
                    }
                    String body = g.substring(pos[0], end);
                    pos[0] = end + 1;
                    boolean neg = body.startsWith("!") || body.startsWith("^");
                    if (neg) {
                        body = body.substring(1);
                    }
                    out.append('[').append(neg ? "^" : "");
                    for (int i = 0; i < body.length(); i++) {
                        char b = body.charAt(i);
                        if (b == '-' && i > 0 && i < body.length() - 1) {
                            out.append('-');
                        } else if (b == '\\' || b == '[' || b == ']' || b == '^' || b == '&' || b == '-') {
                            out.append('\\').append(b);
                        } else {
                            out.append(b);
                        }
                    }
                    out.append(']');
                    break;
                }
                case '{': {
                    out.append("(?:");
                    while (true) {
                        convert(g, pos, out, single, true);
                        if (pos[0] >= g.length()) {
                            break;
                        }
                        char sep = g.charAt(pos[0]++);
                        if (sep == '}') {
                            break;
                        }
                        out.append('|');
                    }
                    out.append(')');
                    break;
                }
                default:
                    out.append(Pattern.quote(String.valueOf(ch)));
            }
        }
    }

    static String quoteMeta(String s) {
        StringBuilder sb = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if ("*?\\[]{}".indexOf(ch) >= 0) {
                sb.append('\\');
            }
            sb.append(ch);
        }
        return sb.toString();
    }
}
