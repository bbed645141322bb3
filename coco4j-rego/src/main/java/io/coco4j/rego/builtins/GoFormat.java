package io.coco4j.rego.builtins;

import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.RegoText;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * {@code sprintf} as OPA does it: Go's fmt verbs over the operands converted to Go values
 * (integers as big integers, other numbers as float64, strings, booleans, everything else as its
 * Rego text), including Go's {@code %!verb(type=value)} rendering of mismatches.
 */
final class GoFormat {
    private GoFormat() {
    }

    private static final class Spec {
        boolean minus;
        boolean plus;
        boolean sharp;
        boolean space;
        boolean zero;
        int width = -1;
        int precision = -1;
    }

    static String format(String fmt, List<Value> args) {
        StringBuilder out = new StringBuilder();
        int argi = 0;
        int n = fmt.length();
        int i = 0;
        while (i < n) {
            char ch = fmt.charAt(i);
            if (ch != '%') {
                out.append(ch);
                i++;
                continue;
            }
            i++;
            if (i >= n) {
                out.append("%!(NOVERB)");
                break;
            }
            Spec sp = new Spec();
            flags:
            while (i < n) {
                switch (fmt.charAt(i)) {
                    case '-': sp.minus = true; sp.zero = false; break;
                    case '+': sp.plus = true; break;
                    case '#': sp.sharp = true; break;
                    case ' ': sp.space = true; break;
                    case '0': sp.zero = !sp.minus; break;
                    default: break flags;
                }
                i++;
            }
            if (i < n && fmt.charAt(i) == '*') {
                i++;
                if (argi < args.size() && args.get(argi) instanceof NumberValue nv && nv.isLong()) {
                    sp.width = (int) Math.abs(nv.longValue());
                    if (nv.longValue() < 0) {
                        sp.minus = true;
                        sp.zero = false;
                    }
                }
                argi++;
            } else {
                int start = i;
                while (i < n && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    sp.width = Integer.parseInt(fmt.substring(start, Math.min(i, start + 7)));
                }
            }
            if (i < n && fmt.charAt(i) == '.') {
                i++;
                int start = i;
                while (i < n && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                sp.precision = i > start ? Integer.parseInt(fmt.substring(start, Math.min(i, start + 7))) : 0;
            }
            if (i >= n) {
                out.append("%!(NOVERB)");
                break;
            }
            int verb = fmt.codePointAt(i);
            i += Character.charCount(verb);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (argi >= args.size()) {
                out.append("%!").appendCodePoint(verb).append("(MISSING)");
                continue;
            }
            out.append(one(sp, verb, args.get(argi++)));
        }
        if (argi < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = argi; k < args.size(); k++) {
                if (k > argi) {
                    out.append(", ");
                }
                out.append(goType(args.get(k))).append('=').append(plain(args.get(k)));
            }
            out.append(')');
        }
        return out.toString();
    }

    /** Go's view of an operand: OPA passes integers as int or *big.Int, other numbers as float64, all else as strings. */
    private enum GoKind { INT, BIG_INT, FLOAT, STRING }

    private static GoKind kind(Value v) {
        if (v instanceof NumberValue n) {
            if (n.isInteger()) {
                return n.isLong() ? GoKind.INT : GoKind.BIG_INT;
            }
            return GoKind.FLOAT;
        }
        return GoKind.STRING;
    }

    private static String goType(Value v) {
        switch (kind(v)) {
            case INT:
                return "int";
            case BIG_INT:
                return "*big.Int";
            case FLOAT:
                return "float64";
            default:
                return "string";
        }
    }

    /** The %v rendering. */
    private static String plain(Value v) {
        if (v instanceof StringValue s) {
            return s.value();
        }
        if (v instanceof NumberValue n) {
            return n.isInteger() ? n.toBigInteger().map(BigInteger::toString).orElse(n.toString()) : goFloat(n.toDouble());
        }
        return RegoText.of(v);
    }

    /** Go's %v for a float64: shortest digits, exponent form below 1e-4 or from 1e21. */
    static String goFloat(double d) {
        if (d == 0) {
            return "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 21) {
            String digits = bd.unscaledValue().abs().toString();
            StringBuilder sb = new StringBuilder();
            if (d < 0) {
                sb.append('-');
            }
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
            return sb.toString();
        }
        return bd.toPlainString();
    }

    private static String bad(int verb, Value v) {
        return "%!" + new String(Character.toChars(verb)) + "(" + goType(v) + "=" + plain(v) + ")";
    }

    private static String one(Spec sp, int verb, Value v) {
        GoKind k = kind(v);
        String body;
        switch (verb) {
            case 'v':
                body = plain(v);
                if ((k == GoKind.INT || k == GoKind.BIG_INT || k == GoKind.FLOAT) && sp.plus && ((NumberValue) v).signum() >= 0) {
                    body = "+" + body;
                }
                break;
            case 's':
                if (k == GoKind.INT || k == GoKind.FLOAT) {
                    return bad(verb, v);
                }
                body = plain(v);
                if (sp.precision >= 0 && body.codePointCount(0, body.length()) > sp.precision) {
                    body = body.substring(0, body.offsetByCodePoints(0, sp.precision));
                }
                break;
            case 'q':
                if (k != GoKind.STRING) {
                    return bad(verb, v);
                }
                body = RegoText.quote(plain(v));
                break;
            case 'd':
            case 'b':
            case 'o':
            case 'O':
            case 'x':
            case 'X':
            case 'c': {
                if (k == GoKind.INT || k == GoKind.BIG_INT) {
                    body = integer(sp, verb, ((NumberValue) v).toBigInteger().orElseThrow());
                } else if ((verb == 'x' || verb == 'X') && k == GoKind.STRING) {
                    StringBuilder sb = new StringBuilder();
                    for (byte b : plain(v).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                        sb.append(String.format(verb == 'x' ? "%02x" : "%02X", b & 0xff));
                    }
                    body = sb.toString();
                } else {
                    return bad(verb, v);
                }
                break;
            }
            case 'e':
            case 'E':
            case 'f':
            case 'F':
            case 'g':
            case 'G':
                if (k == GoKind.FLOAT || k == GoKind.BIG_INT) {
                    body = floating(sp, verb, ((NumberValue) v).toBigDecimal());
                } else {
                    return bad(verb, v);
                }
                break;
            default:
                return bad(verb, v);
        }
        return pad(sp, body, k != GoKind.STRING);
    }

    private static String integer(Spec sp, int verb, BigInteger bi) {
        boolean neg = bi.signum() < 0;
        BigInteger abs = bi.abs();
        String digits;
        String prefix = "";
        switch (verb) {
            case 'b':
                digits = abs.toString(2);
                if (sp.sharp) {
                    prefix = "0b";
                }
                break;
            case 'o':
                digits = abs.toString(8);
                if (sp.sharp) {
                    prefix = "0";
                }
                break;
            case 'O':
                digits = abs.toString(8);
                prefix = "0o";
                break;
            case 'x':
                digits = abs.toString(16);
                if (sp.sharp) {
                    prefix = "0x";
                }
                break;
            case 'X':
                digits = abs.toString(16).toUpperCase(Locale.ROOT);
                if (sp.sharp) {
                    prefix = "0X";
                }
                break;
            case 'c':
                return new String(Character.toChars(bi.intValue()));
            default:
                digits = abs.toString();
        }
        if (sp.precision >= 0) {
            while (digits.length() < sp.precision) {
                digits = "0" + digits;
            }
        }
        String sign = neg ? "-" : sp.plus ? "+" : sp.space ? " " : "";
        String s = sign + prefix + digits;
        if (sp.zero && sp.width > s.length() && sp.precision < 0 && !sp.minus) {
            StringBuilder zeros = new StringBuilder();
            for (int k = s.length(); k < sp.width; k++) {
                zeros.append('0');
            }
            s = sign + prefix + zeros + digits;
        }
        return s;
    }

    private static String floating(Spec sp, int verb, BigDecimal d) {
        int prec = sp.precision;
        String s;
        switch (verb) {
            case 'f':
            case 'F':
                s = d.setScale(prec < 0 ? 6 : prec, java.math.RoundingMode.HALF_EVEN).toPlainString();
                break;
            case 'e':
            case 'E': {
                s = String.format(Locale.ROOT, "%." + (prec < 0 ? 6 : prec) + "e", d);
                s = goExponent(s);
                if (verb == 'E') {
                    s = s.toUpperCase(Locale.ROOT);
                }
                break;
            }
            default: {
                if (prec < 0) {
                    s = goFloat(d.doubleValue());
                } else {
                    s = String.format(Locale.ROOT, "%." + Math.max(prec, 1) + "g", d);
                    s = goExponent(s);
                }
                if (verb == 'G') {
                    s = s.toUpperCase(Locale.ROOT);
                }
            }
        }
        if (sp.plus && d.signum() >= 0) {
            s = "+" + s;
        } else if (sp.space && d.signum() >= 0) {
            s = " " + s;
        }
        if (sp.zero && sp.width > s.length() && !sp.minus) {
            boolean signed = s.startsWith("-") || s.startsWith("+") || s.startsWith(" ");
            String sign = signed ? s.substring(0, 1) : "";
            String rest = signed ? s.substring(1) : s;
            StringBuilder z = new StringBuilder(sign);
            for (int k = s.length(); k < sp.width; k++) {
                z.append('0');
            }
            s = z.append(rest).toString();
        }
        return s;
    }

    /** Java writes exponents as e+5; Go as e+05. */
    private static String goExponent(String s) {
        int e = s.indexOf('e');
        if (e < 0) {
            return s;
        }
        String mant = s.substring(0, e);
        String exp = s.substring(e + 1);
        char sign = exp.charAt(0) == '-' ? '-' : '+';
        String digits = exp.replaceFirst("^[+-]", "");
        if (digits.length() < 2) {
            digits = "0" + digits;
        }
        return mant + "e" + sign + digits;
    }

    private static String pad(Spec sp, String body, boolean numeric) {
        if (sp.width < 0) {
            return body;
        }
        int len = body.codePointCount(0, body.length());
        if (len >= sp.width) {
            return body;
        }
        StringBuilder sb = new StringBuilder();
        if (sp.minus) {
            sb.append(body);
            for (int k = len; k < sp.width; k++) {
                sb.append(' ');
            }
            return sb.toString();
        }
        char fill = sp.zero && !numeric ? '0' : ' ';
        for (int k = len; k < sp.width; k++) {
            sb.append(fill);
        }
        return sb.append(body).toString();
    }
}
