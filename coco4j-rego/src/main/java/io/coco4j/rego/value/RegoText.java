package io.coco4j.rego.value;

/** Renders values as Rego source text (what {@code print} and {@code sprintf("%v")} show for composites). */
public final class RegoText {
    private RegoText() {
    }

    public static String of(Value v) {
        StringBuilder sb = new StringBuilder();
        append(sb, v, "set()");
        return sb.toString();
    }

    /** As {@link #of} but an empty set is rendered as {@code emptySet} (regorus writes {@code {}}). */
    public static String of(Value v, String emptySet) {
        StringBuilder sb = new StringBuilder();
        append(sb, v, emptySet);
        return sb.toString();
    }

    public static void append(StringBuilder sb, Value v, String emptySet) {
        switch (v.type()) {
            case STRING:
                sb.append(quote(((StringValue) v).value()));
                break;
            case ARRAY: {
                ArrayValue a = (ArrayValue) v;
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    append(sb, a.get(i), emptySet);
                }
                sb.append(']');
                break;
            }
            case SET: {
                SetValue s = (SetValue) v;
                if (s.isEmpty()) {
                    sb.append(emptySet);
                    break;
                }
                sb.append('{');
                for (int i = 0; i < s.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    append(sb, s.get(i), emptySet);
                }
                sb.append('}');
                break;
            }
            case OBJECT: {
                ObjectValue o = (ObjectValue) v;
                sb.append('{');
                for (int i = 0; i < o.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    append(sb, o.keyAt(i), emptySet);
                    sb.append(": ");
                    append(sb, o.valueAt(i), emptySet);
                }
                sb.append('}');
                break;
            }
            default:
                sb.append(v);
        }
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(sb, s);
        return sb.toString();
    }

    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
