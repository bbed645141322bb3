package io.coco4j.rego.builtins;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Go's reference-time layouts ({@code "2006-01-02T15:04:05Z07:00"}): formatting and parsing,
 * with the layout names OPA accepts ({@code RFC3339}, {@code ANSIC}, ...).
 */
final class GoTime {
    static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("ANSIC", "Mon Jan _2 15:04:05 2006"),
            Map.entry("UnixDate", "Mon Jan _2 15:04:05 MST 2006"),
            Map.entry("RubyDate", "Mon Jan 02 15:04:05 -0700 2006"),
            Map.entry("RFC822", "02 Jan 06 15:04 MST"),
            Map.entry("RFC822Z", "02 Jan 06 15:04 -0700"),
            Map.entry("RFC850", "Monday, 02-Jan-06 15:04:05 MST"),
            Map.entry("RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"),
            Map.entry("RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"),
            Map.entry("RFC3339", "2006-01-02T15:04:05Z07:00"),
            Map.entry("RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"),
            Map.entry("Kitchen", "3:04PM"),
            Map.entry("Stamp", "Jan _2 15:04:05"),
            Map.entry("StampMilli", "Jan _2 15:04:05.000"),
            Map.entry("StampMicro", "Jan _2 15:04:05.000000"),
            Map.entry("StampNano", "Jan _2 15:04:05.000000000"),
            Map.entry("DateTime", "2006-01-02 15:04:05"),
            Map.entry("DateOnly", "2006-01-02"),
            Map.entry("TimeOnly", "15:04:05"));

    private GoTime() {
    }

    private enum Kind {
        LITERAL, LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY,
        UNDER_YEAR_DAY, ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND, LONG_YEAR,
        YEAR, PM_UPPER, PM_LOWER, TZ, ISO_TZ_SECONDS, ISO_TZ_COLON_SECONDS, ISO_TZ, ISO_TZ_COLON, ISO_SHORT_TZ,
        NUM_TZ_SECONDS, NUM_TZ_COLON_SECONDS, NUM_TZ, NUM_TZ_COLON, NUM_SHORT_TZ, FRAC_FIXED, FRAC_TRIM
    }

    private record Chunk(Kind kind, String text, int digits) {
    }

    static String resolve(String layout) {
        return NAMED.getOrDefault(layout, layout);
    }

    private static List<Chunk> chunks(String layout) {
        List<Chunk> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        int n = layout.length();
        while (i < n) {
            Chunk c = null;
            int len = 0;
            String rest = layout.substring(i);
            char ch = layout.charAt(i);
            switch (ch) {
                case 'J':
                    if (rest.startsWith("January")) {
                        c = new Chunk(Kind.LONG_MONTH, null, 0);
                        len = 7;
                    } else if (rest.startsWith("Jan")) {
                        c = new Chunk(Kind.MONTH, null, 0);
                        len = 3;
                    }
                    break;
                case 'M':
                    if (rest.startsWith("Monday")) {
                        c = new Chunk(Kind.LONG_WEEKDAY, null, 0);
                        len = 6;
                    } else if (rest.startsWith("Mon")) {
                        c = new Chunk(Kind.WEEKDAY, null, 0);
                        len = 3;
                    } else if (rest.startsWith("MST")) {
                        c = new Chunk(Kind.TZ, null, 0);
                        len = 3;
                    }
                    break;
                case '0':
                    if (rest.startsWith("002")) {
                        c = new Chunk(Kind.ZERO_YEAR_DAY, null, 0);
                        len = 3;
                    } else if (rest.length() > 1 && rest.charAt(1) >= '1' && rest.charAt(1) <= '6') {
                        Kind[] ks = {Kind.ZERO_MONTH, Kind.ZERO_DAY, Kind.ZERO_HOUR12, Kind.ZERO_MINUTE, Kind.ZERO_SECOND, Kind.YEAR};
                        c = new Chunk(ks[rest.charAt(1) - '1'], null, 0);
                        len = 2;
                    }
                    break;
                case '1':
                    if (rest.startsWith("15")) {
                        c = new Chunk(Kind.HOUR, null, 0);
                        len = 2;
                    } else {
                        c = new Chunk(Kind.NUM_MONTH, null, 0);
                        len = 1;
                    }
                    break;
                case '2':
                    if (rest.startsWith("2006")) {
                        c = new Chunk(Kind.LONG_YEAR, null, 0);
                        len = 4;
                    } else {
                        c = new Chunk(Kind.DAY, null, 0);
                        len = 1;
                    }
                    break;
                case '_':
                    if (rest.startsWith("_2006")) {
                        lit.append('_');
                        i++;
                        continue;
                    } else if (rest.startsWith("__2")) {
                        c = new Chunk(Kind.UNDER_YEAR_DAY, null, 0);
                        len = 3;
                    } else if (rest.startsWith("_2")) {
                        c = new Chunk(Kind.UNDER_DAY, null, 0);
                        len = 2;
                    }
                    break;
                case '3':
                    c = new Chunk(Kind.HOUR12, null, 0);
                    len = 1;
                    break;
                case '4':
                    c = new Chunk(Kind.MINUTE, null, 0);
                    len = 1;
                    break;
                case '5':
                    c = new Chunk(Kind.SECOND, null, 0);
                    len = 1;
                    break;
                case 'P':
                    if (rest.startsWith("PM")) {
                        c = new Chunk(Kind.PM_UPPER, null, 0);
                        len = 2;
                    }
                    break;
                case 'p':
                    if (rest.startsWith("pm")) {
                        c = new Chunk(Kind.PM_LOWER, null, 0);
                        len = 2;
                    }
                    break;
                case '-':
                    if (rest.startsWith("-070000")) {
                        c = new Chunk(Kind.NUM_TZ_SECONDS, null, 0);
                        len = 7;
                    } else if (rest.startsWith("-07:00:00")) {
                        c = new Chunk(Kind.NUM_TZ_COLON_SECONDS, null, 0);
                        len = 9;
                    } else if (rest.startsWith("-0700")) {
                        c = new Chunk(Kind.NUM_TZ, null, 0);
                        len = 5;
                    } else if (rest.startsWith("-07:00")) {
                        c = new Chunk(Kind.NUM_TZ_COLON, null, 0);
                        len = 6;
                    } else if (rest.startsWith("-07")) {
                        c = new Chunk(Kind.NUM_SHORT_TZ, null, 0);
                        len = 3;
                    }
                    break;
                case 'Z':
                    if (rest.startsWith("Z070000")) {
                        c = new Chunk(Kind.ISO_TZ_SECONDS, null, 0);
                        len = 7;
                    } else if (rest.startsWith("Z07:00:00")) {
                        c = new Chunk(Kind.ISO_TZ_COLON_SECONDS, null, 0);
                        len = 9;
                    } else if (rest.startsWith("Z0700")) {
                        c = new Chunk(Kind.ISO_TZ, null, 0);
                        len = 5;
                    } else if (rest.startsWith("Z07:00")) {
                        c = new Chunk(Kind.ISO_TZ_COLON, null, 0);
                        len = 6;
                    } else if (rest.startsWith("Z07")) {
                        c = new Chunk(Kind.ISO_SHORT_TZ, null, 0);
                        len = 3;
                    }
                    break;
                case '.':
                case ',':
                    if (rest.length() > 1 && (rest.charAt(1) == '0' || rest.charAt(1) == '9')) {
                        char d = rest.charAt(1);
                        int j = 1;
                        while (j < rest.length() && rest.charAt(j) == d) {
                            j++;
                        }
                        boolean digitFollows = j < rest.length() && Character.isDigit(rest.charAt(j));
                        if (!digitFollows) {
                            c = new Chunk(d == '0' ? Kind.FRAC_FIXED : Kind.FRAC_TRIM, String.valueOf(ch), j - 1);
                            len = j;
                        }
                    }
                    break;
                default:
                    break;
            }
            if (c == null) {
                lit.append(ch);
                i++;
                continue;
            }
            if (lit.length() > 0) {
                out.add(new Chunk(Kind.LITERAL, lit.toString(), 0));
                lit.setLength(0);
            }
            out.add(c);
            i += len;
        }
        if (lit.length() > 0) {
            out.add(new Chunk(Kind.LITERAL, lit.toString(), 0));
        }
        return out;
    }

    // ---------------------------------------------------------------- formatting

    static String format(ZonedDateTime t, String layout) {
        StringBuilder sb = new StringBuilder();
        for (Chunk c : chunks(resolve(layout))) {
            switch (c.kind()) {
                case LITERAL: sb.append(c.text()); break;
                case LONG_MONTH: sb.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)); break;
                case MONTH: sb.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)); break;
                case NUM_MONTH: sb.append(t.getMonthValue()); break;
                case ZERO_MONTH: pad(sb, t.getMonthValue(), 2, '0'); break;
                case LONG_WEEKDAY: sb.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)); break;
                case WEEKDAY: sb.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)); break;
                case DAY: sb.append(t.getDayOfMonth()); break;
                case UNDER_DAY: pad(sb, t.getDayOfMonth(), 2, ' '); break;
                case ZERO_DAY: pad(sb, t.getDayOfMonth(), 2, '0'); break;
                case UNDER_YEAR_DAY: pad(sb, t.getDayOfYear(), 3, ' '); break;
                case ZERO_YEAR_DAY: pad(sb, t.getDayOfYear(), 3, '0'); break;
                case HOUR: pad(sb, t.getHour(), 2, '0'); break;
                case HOUR12: sb.append(t.getHour() % 12 == 0 ? 12 : t.getHour() % 12); break;
                case ZERO_HOUR12: pad(sb, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2, '0'); break;
                case MINUTE: sb.append(t.getMinute()); break;
                case ZERO_MINUTE: pad(sb, t.getMinute(), 2, '0'); break;
                case SECOND: sb.append(t.getSecond()); break;
                case ZERO_SECOND: pad(sb, t.getSecond(), 2, '0'); break;
                case LONG_YEAR: pad(sb, t.getYear(), 4, '0'); break;
                case YEAR: pad(sb, Math.floorMod(t.getYear(), 100), 2, '0'); break;
                case PM_UPPER: sb.append(t.getHour() >= 12 ? "PM" : "AM"); break;
                case PM_LOWER: sb.append(t.getHour() >= 12 ? "pm" : "am"); break;
                case TZ: {
                    String abbr = t.getZone().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
                    if (t.getZone() instanceof ZoneOffset || abbr.startsWith("GMT") || abbr.contains(":")) {
                        int secs = t.getOffset().getTotalSeconds();
                        abbr = secs == 0 ? "UTC" : offset(secs, false, false, false);
                    } else {
                        abbr = java.time.format.DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(t);
                    }
                    sb.append(abbr);
                    break;
                }
                case ISO_TZ_SECONDS:
                case ISO_TZ_COLON_SECONDS:
                case ISO_TZ:
                case ISO_TZ_COLON:
                case ISO_SHORT_TZ:
                case NUM_TZ_SECONDS:
                case NUM_TZ_COLON_SECONDS:
                case NUM_TZ:
                case NUM_TZ_COLON:
                case NUM_SHORT_TZ: {
                    int secs = t.getOffset().getTotalSeconds();
                    boolean iso = c.kind().name().startsWith("ISO");
                    if (iso && secs == 0) {
                        sb.append('Z');
                        break;
                    }
                    boolean colon = c.kind().name().contains("COLON");
                    boolean withSecs = c.kind().name().contains("SECONDS");
                    boolean shortTz = c.kind().name().contains("SHORT");
                    sb.append(offset(secs, colon, withSecs, shortTz));
                    break;
                }
                case FRAC_FIXED:
                case FRAC_TRIM: {
                    String nanos = String.format("%09d", t.getNano()).substring(0, c.digits());
                    if (c.kind() == Kind.FRAC_TRIM) {
                        int end = nanos.length();
                        while (end > 0 && nanos.charAt(end - 1) == '0') {
                            end--;
                        }
                        nanos = nanos.substring(0, end);
                        if (!nanos.isEmpty()) {
                            sb.append(c.text()).append(nanos);
                        }
                    } else {
                        sb.append(c.text()).append(nanos);
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return sb.toString();
    }

    private static String offset(int secs, boolean colon, boolean withSecs, boolean shortTz) {
        StringBuilder sb = new StringBuilder();
        sb.append(secs < 0 ? '-' : '+');
        int a = Math.abs(secs);
        pad(sb, a / 3600, 2, '0');
        if (!shortTz) {
            if (colon) {
                sb.append(':');
            }
            pad(sb, (a / 60) % 60, 2, '0');
            if (withSecs) {
                if (colon) {
                    sb.append(':');
                }
                pad(sb, a % 60, 2, '0');
            }
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int v, int width, char fill) {
        String s = Integer.toString(Math.abs(v));
        if (v < 0) {
            sb.append('-');
        }
        for (int i = s.length(); i < width; i++) {
            sb.append(fill);
        }
        sb.append(s);
    }

    // ---------------------------------------------------------------- parsing

    /** Thrown for a value that does not match its layout. */
    static final class ParseError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseError(String m) {
            super(m, null, false, false);
        }
    }

    /** Parses {@code value} by {@code layout}; a layout without a zone parses as UTC. */
    static ZonedDateTime parse(String layout, String value) {
        String l = resolve(layout);
        int year = 1;
        int month = 1;
        int day = 1;
        int yday = -1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        boolean pm = false;
        boolean pmSet = false;
        ZoneId zone = null;
        String v = value;
        int p = 0;
        List<Chunk> cs = chunks(l);
        for (int ci = 0; ci < cs.size(); ci++) {
            Chunk c = cs.get(ci);
            switch (c.kind()) {
                case LITERAL: {
                    String lit = c.text();
                    if (!v.startsWith(lit, p)) {
                        throw new ParseError("cannot parse \"" + v.substring(p) + "\" as \"" + lit + "\"");
                    }
                    p += lit.length();
                    break;
                }
                case LONG_MONTH:
                case MONTH: {
                    boolean found = false;
                    for (Month m : Month.values()) {
                        String name = m.getDisplayName(c.kind() == Kind.LONG_MONTH ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH);
                        if (v.regionMatches(true, p, name, 0, name.length())) {
                            month = m.getValue();
                            p += name.length();
                            found = true;
                            break;
                        }
                    }
                    if (!found) {
                        throw new ParseError("bad month");
                    }
                    break;
                }
                case LONG_WEEKDAY:
                case WEEKDAY: {
                    boolean found = false;
                    for (DayOfWeek d : DayOfWeek.values()) {
                        String name = d.getDisplayName(c.kind() == Kind.LONG_WEEKDAY ? TextStyle.FULL : TextStyle.SHORT, Locale.ENGLISH);
                        if (v.regionMatches(true, p, name, 0, name.length())) {
                            p += name.length();
                            found = true;
                            break;
                        }
                    }
                    if (!found) {
                        throw new ParseError("bad day of week");
                    }
                    break;
                }
                case NUM_MONTH:
                case ZERO_MONTH: {
                    int[] r = num(v, p, c.kind() == Kind.ZERO_MONTH ? 2 : 1, 2);
                    month = r[0];
                    p = r[1];
                    if (month < 1 || month > 12) {
                        throw new ParseError("month out of range");
                    }
                    break;
                }
                case DAY:
                case UNDER_DAY:
                case ZERO_DAY: {
                    if (c.kind() == Kind.UNDER_DAY && p < v.length() && v.charAt(p) == ' ') {
                        p++;
                    }
                    int[] r = num(v, p, c.kind() == Kind.ZERO_DAY ? 2 : 1, 2);
                    day = r[0];
                    p = r[1];
                    break;
                }
                case UNDER_YEAR_DAY:
                case ZERO_YEAR_DAY: {
                    while (c.kind() == Kind.UNDER_YEAR_DAY && p < v.length() && v.charAt(p) == ' ') {
                        p++;
                    }
                    int[] r = num(v, p, c.kind() == Kind.ZERO_YEAR_DAY ? 3 : 1, 3);
                    yday = r[0];
                    p = r[1];
                    break;
                }
                case HOUR: {
                    int[] r = num(v, p, 2, 2);
                    hour = r[0];
                    p = r[1];
                    if (hour > 23) {
                        throw new ParseError("hour out of range");
                    }
                    break;
                }
                case HOUR12:
                case ZERO_HOUR12: {
                    int[] r = num(v, p, c.kind() == Kind.ZERO_HOUR12 ? 2 : 1, 2);
                    hour = r[0];
                    p = r[1];
                    if (hour > 12) {
                        throw new ParseError("hour out of range");
                    }
                    break;
                }
                case MINUTE:
                case ZERO_MINUTE: {
                    int[] r = num(v, p, c.kind() == Kind.ZERO_MINUTE ? 2 : 1, 2);
                    minute = r[0];
                    p = r[1];
                    if (minute > 59) {
                        throw new ParseError("minute out of range");
                    }
                    break;
                }
                case SECOND:
                case ZERO_SECOND: {
                    int[] r = num(v, p, c.kind() == Kind.ZERO_SECOND ? 2 : 1, 2);
                    second = r[0];
                    p = r[1];
                    if (second > 59) {
                        throw new ParseError("second out of range");
                    }
                    // Go accepts a fraction after seconds even when the layout has none.
                    if (p + 1 < v.length() && (v.charAt(p) == '.' || v.charAt(p) == ',') && Character.isDigit(v.charAt(p + 1))
                            && !(ci + 1 < cs.size() && (cs.get(ci + 1).kind() == Kind.FRAC_FIXED || cs.get(ci + 1).kind() == Kind.FRAC_TRIM))) {
                        int q = p + 1;
                        while (q < v.length() && Character.isDigit(v.charAt(q))) {
                            q++;
                        }
                        nanos = fraction(v.substring(p + 1, q));
                        p = q;
                    }
                    break;
                }
                case LONG_YEAR: {
                    int q = p;
                    if (q < v.length() && (v.charAt(q) == '-' || v.charAt(q) == '+')) {
                        q++;
                    }
                    int[] r = num(v, q, 4, 4);
                    year = v.charAt(p) == '-' ? -r[0] : r[0];
                    p = r[1];
                    break;
                }
                case YEAR: {
                    int[] r = num(v, p, 2, 2);
                    year = r[0] >= 69 ? 1900 + r[0] : 2000 + r[0];
                    p = r[1];
                    break;
                }
                case PM_UPPER:
                case PM_LOWER: {
                    if (p + 2 > v.length()) {
                        throw new ParseError("bad AM/PM");
                    }
                    String ap = v.substring(p, p + 2).toUpperCase(Locale.ROOT);
                    if (!ap.equals("AM") && !ap.equals("PM")) {
                        throw new ParseError("bad AM/PM");
                    }
                    pm = ap.equals("PM");
                    pmSet = true;
                    p += 2;
                    break;
                }
                case TZ: {
                    int q = p;
                    while (q < v.length() && (Character.isUpperCase(v.charAt(q)))) {
                        q++;
                    }
                    String abbr = v.substring(p, q);
                    if (abbr.length() < 3) {
                        throw new ParseError("bad time zone");
                    }
                    zone = abbr.equals("UTC") || abbr.equals("GMT") ? ZoneOffset.UTC : ZoneOffset.UTC;
                    p = q;
                    break;
                }
                case FRAC_FIXED:
                case FRAC_TRIM: {
                    if (p < v.length() && (v.charAt(p) == '.' || v.charAt(p) == ',')) {
                        int q = p + 1;
                        while (q < v.length() && Character.isDigit(v.charAt(q))) {
                            q++;
                        }
                        if (c.kind() == Kind.FRAC_FIXED && q - p - 1 != c.digits()) {
                            throw new ParseError("bad fractional second");
                        }
                        nanos = fraction(v.substring(p + 1, q));
                        p = q;
                    } else if (c.kind() == Kind.FRAC_FIXED) {
                        throw new ParseError("missing fractional second");
                    }
                    break;
                }
                default: {
                    boolean iso = c.kind().name().startsWith("ISO");
                    if (iso && p < v.length() && v.charAt(p) == 'Z') {
                        zone = ZoneOffset.UTC;
                        p++;
                        break;
                    }
                    if (p >= v.length() || (v.charAt(p) != '+' && v.charAt(p) != '-')) {
                        throw new ParseError("bad time zone offset");
                    }
                    int sign = v.charAt(p) == '-' ? -1 : 1;
                    p++;
                    boolean colon = c.kind().name().contains("COLON");
                    boolean withSecs = c.kind().name().contains("SECONDS");
                    boolean shortTz = c.kind().name().contains("SHORT");
                    int[] h = num(v, p, 2, 2);
                    p = h[1];
                    int mins = 0;
                    int secs = 0;
                    if (!shortTz) {
                        if (colon) {
                            p = expect(v, p, ':');
                        }
                        int[] m = num(v, p, 2, 2);
                        mins = m[0];
                        p = m[1];
                        if (withSecs) {
                            if (colon) {
                                p = expect(v, p, ':');
                            }
                            int[] s = num(v, p, 2, 2);
                            secs = s[0];
                            p = s[1];
                        }
                    }
                    try {
                        zone = ZoneOffset.ofTotalSeconds(sign * (h[0] * 3600 + mins * 60 + secs));
                    } catch (DateTimeException e) {
                        throw new ParseError("time zone offset out of range");
                    }
                }
            }
        }
        if (p != v.length()) {
            throw new ParseError("extra text: \"" + v.substring(p) + "\"");
        }
        if (pmSet) {
            if (pm && hour < 12) {
                hour += 12;
            } else if (!pm && hour == 12) {
                hour = 0;
            }
        }
        try {
            LocalDate date = yday > 0 ? LocalDate.ofYearDay(year, yday) : LocalDate.of(year, month, day);
            return ZonedDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour, minute, second, nanos,
                    zone == null ? ZoneOffset.UTC : zone);
        } catch (DateTimeException e) {
            throw new ParseError("day out of range");
        }
    }

    private static int expect(String v, int p, char ch) {
        if (p >= v.length() || v.charAt(p) != ch) {
            throw new ParseError("expected '" + ch + "'");
        }
        return p + 1;
    }

    private static int fraction(String digits) {
        String d = digits.length() > 9 ? digits.substring(0, 9) : digits;
        StringBuilder sb = new StringBuilder(d);
        while (sb.length() < 9) {
            sb.append('0');
        }
        return Integer.parseInt(sb.toString());
    }

    /** Reads between {@code min} and {@code max} digits; returns {value, new position}. */
    private static int[] num(String v, int p, int min, int max) {
        int q = p;
        while (q < v.length() && q - p < max && Character.isDigit(v.charAt(q))) {
            q++;
        }
        if (q - p < min) {
            throw new ParseError("cannot parse \"" + v.substring(p) + "\"");
        }
        return new int[] {Integer.parseInt(v.substring(p, q)), q};
    }
}
