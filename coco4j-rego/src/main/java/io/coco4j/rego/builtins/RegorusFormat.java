package io.coco4j.rego.builtins;

import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.RegoText;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * {@code sprintf} as regorus (the CoCo reference's engine) does it: a subset of Go's verbs with
 * its own choices ({@code %f} without precision prints the shortest decimal, {@code %o} prefixes
 * {@code 0O}), and errors for missing or extra operands instead of Go's inline markers.
 */
final class RegorusFormat {
    private RegorusFormat() {
    }

    private enum WidthKind { NONE, ZEROS, CELL, DECIMALS }

    static String format(String fmt, List<Value> args) {
        StringBuilder s = new StringBuilder();
        int argi = 0;
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char ch = fmt.charAt(i++);
            if (ch != '%') {
                s.append(ch);
                continue;
            }
            if (i >= n) {
                throw fail("missing format verb after `%` at end of format string");
            }
            char c = fmt.charAt(i++);
            if (c == '%') {
                s.append('%');
                continue;
            }
            WidthKind wk = WidthKind.NONE;
            int w = 0;
            if (c == '.' || Character.isDigit(c)) {
                char first = c;
                if (c != '.') {
                    w = c - '0';
                }
                while (i < n && Character.isDigit(fmt.charAt(i))) {
                    w = Math.min(1_000_000, w * 10 + (fmt.charAt(i++) - '0'));
                }
                wk = first == '0' ? WidthKind.ZEROS : first == '.' ? WidthKind.DECIMALS : WidthKind.CELL;
                if (i >= n) {
                    throw fail("missing format verb after `%width` at end of format string");
                }
                c = fmt.charAt(i++);
            }
            if (argi >= args.size()) {
                throw fail("no argument specified for format verb " + argi);
            }
            Value arg = args.get(argi++);
            NumberValue num = arg instanceof NumberValue nv ? nv : null;
            boolean integer = num != null && num.isInteger();
            String sign = num != null && num.signum() < 0 ? "-" : "";
            switch (c) {
                case 's':
                    s.append(arg instanceof StringValue str ? str.value() : text(arg, false));
                    break;
                case 'v':
                    s.append(text(arg, false));
                    break;
                case 'b':
                    if (integer) {
                        s.append(sign).append(abs(num).toString(2));
                    } else if (num != null) {
                        throw fail("number specified for format verb b.");
                    }
                    break;
                case 'c':
                    if (integer) {
                        s.appendCodePoint(num.toBigInteger().orElseThrow().intValue());
                    } else if (num != null) {
                        throw fail("number specified for format verb c.");
                    }
                    break;
                case 'd':
                    if (integer) {
                        s.append(sign).append(width(wk, w, abs(num).toString()));
                    } else if (num != null) {
                        throw fail("number specified for format verb d.");
                    }
                    break;
                case 'o':
                case 'O':
                    if (integer) {
                        s.append(sign).append(width(wk, w, (c == 'o' ? "0O" : "0o") + abs(num).toString(8)));
                    } else if (num != null) {
                        throw fail("number specified for format verb " + c + ".");
                    }
                    break;
                case 'x':
                case 'X':
                    if (integer) {
                        String hex = abs(num).toString(16);
                        s.append(sign).append(width(wk, w, c == 'X' ? hex.toUpperCase(Locale.ROOT) : hex));
                    } else if (num != null) {
                        throw fail("number specified for format verb " + c + ".");
                    }
                    break;
                case 'e':
                case 'E':
                    if (num != null) {
                        String e = String.format(Locale.ROOT, "%e", num.toBigDecimal()).replaceAll("0+e", "e").replace(".e", "e");
                        e = e.replace("e+0", "e").replace("e+", "e").replace("e-0", "e-");
                        s.append(c == 'E' ? e.toUpperCase(Locale.ROOT) : e);
                    }
                    break;
                case 'f':
                case 'F':
                    if (num != null) {
                        if (wk == WidthKind.DECIMALS) {
                            s.append(num.toBigDecimal().setScale(w, RoundingMode.HALF_EVEN).toPlainString());
                        } else {
                            s.append(width(wk, w, decimal(num)));
                        }
                    }
                    break;
                case 'g':
                case 'G':
                    if (num != null) {
                        s.append(decimal(num));
                    }
                    break;
                default:
                    if (num != null) {
                        throw fail("number specified for format verb " + c + ".");
                    }
                    if (c == 'T' || c == '#' || c == 'q' || c == 'p') {
                        throw fail("Go-syntax format verbs %#v. %q, %p and %T are not supported.");
                    }
            }
        }
        if (argi < args.size()) {
            throw fail("extra arguments (" + args.size() + ") specified for " + argi + " format verbs.");
        }
        return s.toString();
    }

    private static BigInteger abs(NumberValue n) {
        return n.toBigInteger().orElseThrow().abs();
    }

    private static String decimal(NumberValue n) {
        return n.toString();
    }

    private static String width(WidthKind wk, int w, String s) {
        if (wk == WidthKind.ZEROS && w > s.length()) {
            return "0".repeat(w - s.length()) + s;
        }
        if (wk == WidthKind.CELL && w > s.length()) {
            return " ".repeat(w - s.length()) + s;
        }
        return s;
    }

    /** Regorus' text of a value: strings bare at top level, quoted inside composites. */
    private static String text(Value v, boolean quote) {
        if (v instanceof StringValue s) {
            return quote ? RegoText.quote(s.value()) : s.value();
        }
        return RegoText.of(v, "{}");
    }

    private static BuiltinException fail(String message) {
        return new BuiltinException(ErrorCode.EVAL_BUILTIN, message);
    }
}
