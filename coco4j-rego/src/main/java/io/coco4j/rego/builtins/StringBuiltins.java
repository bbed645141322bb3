package io.coco4j.rego.builtins;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** String builtins. Positions and lengths count Unicode code points, as Rego's do. */
final class StringBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("concat", 2, StringBuiltins::concat),
                SimpleBuiltin.of("contains", 2, (a, c) -> BooleanValue.of(s("contains", a, 0, c).contains(s("contains", a, 1, c)))),
                SimpleBuiltin.of("startswith", 2, (a, c) -> BooleanValue.of(s("startswith", a, 0, c).startsWith(s("startswith", a, 1, c)))),
                SimpleBuiltin.of("endswith", 2, (a, c) -> BooleanValue.of(s("endswith", a, 0, c).endsWith(s("endswith", a, 1, c)))),
                SimpleBuiltin.of("format_int", 2, StringBuiltins::formatInt),
                SimpleBuiltin.of("indexof", 2, StringBuiltins::indexof),
                SimpleBuiltin.of("indexof_n", 2, StringBuiltins::indexofN),
                SimpleBuiltin.of("lower", 1, (a, c) -> StringValue.of(s("lower", a, 0, c).toLowerCase(Locale.ROOT))),
                SimpleBuiltin.of("upper", 1, (a, c) -> StringValue.of(s("upper", a, 0, c).toUpperCase(Locale.ROOT))),
                SimpleBuiltin.of("replace", 3, StringBuiltins::replace),
                SimpleBuiltin.of("split", 2, StringBuiltins::split),
                SimpleBuiltin.of("sprintf", 2, StringBuiltins::sprintf),
                SimpleBuiltin.of("substring", 3, StringBuiltins::substring),
                SimpleBuiltin.of("trim", 2, (a, c) -> StringValue.of(trim(s("trim", a, 0, c), s("trim", a, 1, c), true, true))),
                SimpleBuiltin.of("trim_left", 2, (a, c) -> StringValue.of(trim(s("trim_left", a, 0, c), s("trim_left", a, 1, c), true, false))),
                SimpleBuiltin.of("trim_right", 2, (a, c) -> StringValue.of(trim(s("trim_right", a, 0, c), s("trim_right", a, 1, c), false, true))),
                SimpleBuiltin.of("trim_prefix", 2, StringBuiltins::trimPrefix),
                SimpleBuiltin.of("trim_suffix", 2, StringBuiltins::trimSuffix),
                SimpleBuiltin.of("trim_space", 1, (a, c) -> StringValue.of(trimSpace(s("trim_space", a, 0, c)))),
                SimpleBuiltin.of("strings.any_prefix_match", 2, (a, c) -> anyMatch("strings.any_prefix_match", a, c, true)),
                SimpleBuiltin.of("strings.any_suffix_match", 2, (a, c) -> anyMatch("strings.any_suffix_match", a, c, false)),
                SimpleBuiltin.of("strings.count", 2, StringBuiltins::count),
                SimpleBuiltin.of("strings.replace_n", 2, StringBuiltins::replaceN),
                SimpleBuiltin.of("strings.reverse", 1, StringBuiltins::reverse),
                SimpleBuiltin.of("strings.split_n", 3, StringBuiltins::splitN));
    }

    private static String s(String name, Value[] a, int i, BuiltinContext c) {
        return Operands.string(name, a, i, c);
    }

    private static Value concat(Value[] a, BuiltinContext c) {
        String delim = s("concat", a, 0, c);
        List<Value> items;
        if (a[1] instanceof ArrayValue arr) {
            items = arr.asList();
        } else if (a[1] instanceof SetValue set) {
            items = set.elements();
        } else {
            throw Operands.typeError("concat", 1, "one of {array, set}", "string collection", a[1], c);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof StringValue str)) {
                throw Operands.typeError("concat", 1, "array of strings", "string collection", a[1], c);
            }
            if (i > 0) {
                sb.append(delim);
            }
            sb.append(str.value());
        }
        return StringValue.of(sb.toString());
    }

    private static Value formatInt(Value[] a, BuiltinContext c) {
        NumberValue n = Operands.number("format_int", a, 0, c);
        NumberValue b = Operands.number("format_int", a, 1, c);
        int base = b.toInt().orElse(0);
        if (base != 2 && base != 8 && base != 10 && base != 16) {
            if (c.compatibility() == Compatibility.REGORUS) {
                throw new BuiltinException(ErrorCode.EVAL_BUILTIN, "`format_int` expects base to be one of 2, 8, 10, 16");
            }
            throw new BuiltinException(ErrorCode.EVAL_TYPE, "format_int: operand 2 must be one of {2, 8, 10, 16}");
        }
        BigDecimal d = n.toBigDecimal();
        BigInteger i = c.compatibility() == Compatibility.REGORUS && d.signum() < 0
                ? d.abs().setScale(0, RoundingMode.FLOOR).toBigIntegerExact().negate()
                : d.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        return StringValue.of(i.toString(base));
    }

    private static int[] codePoints(String s) {
        return s.codePoints().toArray();
    }

    private static Value indexof(Value[] a, BuiltinContext c) {
        String h = s("indexof", a, 0, c);
        String n = s("indexof", a, 1, c);
        int i = h.indexOf(n);
        return NumberValue.of(i < 0 ? -1 : h.codePointCount(0, i));
    }

    private static Value indexofN(Value[] a, BuiltinContext c) {
        String h = s("indexof_n", a, 0, c);
        String n = s("indexof_n", a, 1, c);
        List<Value> out = new ArrayList<>();
        int from = 0;
        while (from <= h.length()) {
            int i = h.indexOf(n, from);
            if (i < 0) {
                break;
            }
            out.add(NumberValue.of(h.codePointCount(0, i)));
            from = i + Math.max(1, Character.charCount(i < h.length() ? h.codePointAt(i) : 'a'));
            if (n.isEmpty() && i >= h.length()) {
                break;
            }
        }
        return ArrayValue.of(out);
    }

    private static Value replace(Value[] a, BuiltinContext c) {
        String x = s("replace", a, 0, c);
        String old = s("replace", a, 1, c);
        String nw = s("replace", a, 2, c);
        if (old.isEmpty()) {
            // Go inserts the replacement before every code point and at the end.
            StringBuilder sb = new StringBuilder(nw);
            x.codePoints().forEach(cp -> sb.appendCodePoint(cp).append(nw));
            return StringValue.of(sb.toString());
        }
        return StringValue.of(x.replace(old, nw));
    }

    static List<String> splitAll(String x, String delim) {
        List<String> out = new ArrayList<>();
        if (delim.isEmpty()) {
            x.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int from = 0;
        while (true) {
            int i = x.indexOf(delim, from);
            if (i < 0) {
                out.add(x.substring(from));
                return out;
            }
            out.add(x.substring(from, i));
            from = i + delim.length();
        }
    }

    private static Value split(Value[] a, BuiltinContext c) {
        List<String> parts = splitAll(s("split", a, 0, c), s("split", a, 1, c));
        c.chargeSteps(parts.size());
        Value[] out = new Value[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = StringValue.of(parts.get(i));
        }
        return ArrayValue.wrap(out);
    }

    private static Value splitN(Value[] a, BuiltinContext c) {
        String x = s("strings.split_n", a, 0, c);
        String delim = s("strings.split_n", a, 1, c);
        BigInteger nb = Operands.integer("strings.split_n", a, 2, c);
        List<String> parts = x.isEmpty() ? List.of("") : splitAll(x, delim);
        int size = parts.size();
        long n = nb.max(BigInteger.valueOf(-size - 1L)).min(BigInteger.valueOf(size + 1L)).longValue();
        List<String> pick;
        if (n >= 0) {
            pick = parts.subList(0, (int) Math.min(n, size));
        } else {
            pick = parts.subList((int) Math.max(0, size + n), size);
        }
        List<Value> out = new ArrayList<>();
        for (String p : pick) {
            out.add(StringValue.of(p));
        }
        return ArrayValue.of(out);
    }

    private static Value substring(Value[] a, BuiltinContext c) {
        String x = s("substring", a, 0, c);
        BigInteger start = Operands.integer("substring", a, 1, c);
        BigInteger length = Operands.integer("substring", a, 2, c);
        if (start.signum() < 0) {
            throw Operands.failure("substring", "negative offset");
        }
        int[] cps = codePoints(x);
        if (start.compareTo(BigInteger.valueOf(cps.length)) >= 0) {
            return StringValue.EMPTY;
        }
        int from = start.intValue();
        int to;
        if (length.signum() < 0 || length.add(start).compareTo(BigInteger.valueOf(cps.length)) > 0) {
            to = cps.length;
        } else {
            to = from + length.intValue();
        }
        return StringValue.of(new String(cps, from, to - from));
    }

    static String trim(String x, String cutset, boolean left, boolean right) {
        int[] cps = codePoints(x);
        int[] cut = codePoints(cutset);
        int from = 0;
        int to = cps.length;
        if (left) {
            while (from < to && contains(cut, cps[from])) {
                from++;
            }
        }
        if (right) {
            while (to > from && contains(cut, cps[to - 1])) {
                to--;
            }
        }
        return new String(cps, from, to - from);
    }

    private static boolean contains(int[] set, int cp) {
        for (int c : set) {
            if (c == cp) {
                return true;
            }
        }
        return false;
    }

    /** Go's unicode.IsSpace. */
    static boolean isSpace(int cp) {
        switch (cp) {
            case '\t':
            case '\n':
            case 0x0B:
            case '\f':
            case '\r':
            case ' ':
            case 0x85:
            case 0xA0:
                return true;
            default:
                return cp > 0xFF && Character.isSpaceChar(cp);
        }
    }

    static String trimSpace(String x) {
        int[] cps = codePoints(x);
        int from = 0;
        int to = cps.length;
        while (from < to && isSpace(cps[from])) {
            from++;
        }
        while (to > from && isSpace(cps[to - 1])) {
            to--;
        }
        return new String(cps, from, to - from);
    }

    private static Value trimPrefix(Value[] a, BuiltinContext c) {
        String x = s("trim_prefix", a, 0, c);
        String p = s("trim_prefix", a, 1, c);
        return StringValue.of(x.startsWith(p) ? x.substring(p.length()) : x);
    }

    private static Value trimSuffix(Value[] a, BuiltinContext c) {
        String x = s("trim_suffix", a, 0, c);
        String p = s("trim_suffix", a, 1, c);
        return StringValue.of(x.endsWith(p) ? x.substring(0, x.length() - p.length()) : x);
    }

    private static List<String> stringsOperand(String name, Value[] a, int i, BuiltinContext c) {
        Value v = a[i];
        List<String> out = new ArrayList<>();
        if (v instanceof StringValue s) {
            out.add(s.value());
            return out;
        }
        List<Value> items;
        if (v instanceof ArrayValue arr) {
            items = arr.asList();
        } else if (v instanceof SetValue set) {
            items = set.elements();
        } else {
            throw Operands.typeError(name, i, Operands.Kind.STRINGS, v, c);
        }
        for (Value item : items) {
            if (!(item instanceof StringValue s)) {
                throw Operands.typeError(name, i, v.type().typeName() + " of strings",
                        "string collection", v, c).withSuffix(" containing " + item.type().typeName());
            }
            out.add(s.value());
        }
        return out;
    }

    private static Value anyMatch(String name, Value[] a, BuiltinContext c, boolean prefix) {
        List<String> search = stringsOperand(name, a, 0, c);
        List<String> bases = stringsOperand(name, a, 1, c);
        for (String s : search) {
            for (String b : bases) {
                if (prefix ? s.startsWith(b) : s.endsWith(b)) {
                    return BooleanValue.TRUE;
                }
            }
        }
        return BooleanValue.FALSE;
    }

    private static Value count(Value[] a, BuiltinContext c) {
        String x = s("strings.count", a, 0, c);
        String sub = s("strings.count", a, 1, c);
        if (sub.isEmpty()) {
            return NumberValue.of(x.codePointCount(0, x.length()) + 1);
        }
        int n = 0;
        int from = 0;
        while ((from = x.indexOf(sub, from)) >= 0) {
            n++;
            from += sub.length();
        }
        return NumberValue.of(n);
    }

    private static Value replaceN(Value[] a, BuiltinContext c) {
        ObjectValue patterns = Operands.object("strings.replace_n", a, 0, c);
        String x = s("strings.replace_n", a, 1, c);
        List<String> olds = new ArrayList<>();
        List<String> news = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            if (!(patterns.keyAt(i) instanceof StringValue k)) {
                throw Operands.typeError("strings.replace_n", 0, "object with string keys", "object of strings", a[0], c);
            }
            if (!(patterns.valueAt(i) instanceof StringValue v)) {
                throw Operands.typeError("strings.replace_n", 0, "object with string values", "object of strings", a[0], c);
            }
            olds.add(k.value());
            news.add(v.value());
        }
        // Like Go's strings.Replacer: scan left to right; at each position the first matching pattern wins.
        StringBuilder sb = new StringBuilder();
        int i = 0;
        outer:
        while (i < x.length()) {
            for (int p = 0; p < olds.size(); p++) {
                String o = olds.get(p);
                if (!o.isEmpty() && x.startsWith(o, i)) {
                    sb.append(news.get(p));
                    i += o.length();
                    continue outer;
                }
            }
            sb.append(x.charAt(i++));
        }
        return StringValue.of(sb.toString());
    }

    private static Value reverse(Value[] a, BuiltinContext c) {
        int[] cps = codePoints(s("strings.reverse", a, 0, c));
        int[] out = new int[cps.length];
        for (int i = 0; i < cps.length; i++) {
            out[i] = cps[cps.length - 1 - i];
        }
        return StringValue.of(new String(out, 0, out.length));
    }

    private static Value sprintf(Value[] a, BuiltinContext c) {
        String format = s("sprintf", a, 0, c);
        ArrayValue args = Operands.array("sprintf", a, 1, c);
        if (c.compatibility() == Compatibility.REGORUS) {
            return StringValue.of(RegorusFormat.format(format, args.asList()));
        }
        return StringValue.of(GoFormat.format(format, args.asList()));
    }
}
