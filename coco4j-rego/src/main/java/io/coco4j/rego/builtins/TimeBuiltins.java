package io.coco4j.rego.builtins;

import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code time.*}: timestamps are nanoseconds since the Unix epoch in int64 range, as in Go. */
final class TimeBuiltins implements BuiltinFamily {
    private static final BigInteger NS = BigInteger.valueOf(1_000_000_000L);
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");

    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.nondeterministic("time.now_ns", 0, (a, c) -> NumberValue.of(c.nowNanos())),
                SimpleBuiltin.of("time.parse_ns", 2, (a, c) -> parse("time.parse_ns", Operands.string("time.parse_ns", a, 0, c),
                        Operands.string("time.parse_ns", a, 1, c))),
                SimpleBuiltin.of("time.parse_rfc3339_ns", 1, (a, c) -> parse("time.parse_rfc3339_ns", "RFC3339",
                        Operands.string("time.parse_rfc3339_ns", a, 0, c))),
                SimpleBuiltin.of("time.parse_duration_ns", 1, (a, c) -> NumberValue.of(duration(
                        Operands.string("time.parse_duration_ns", a, 0, c)))),
                SimpleBuiltin.of("time.date", 1, (a, c) -> {
                    ZonedDateTime t = zoned("time.date", a, 0, c);
                    return ArrayValue.of(NumberValue.of(t.getYear()), NumberValue.of(t.getMonthValue()), NumberValue.of(t.getDayOfMonth()));
                }),
                SimpleBuiltin.of("time.clock", 1, (a, c) -> {
                    ZonedDateTime t = zoned("time.clock", a, 0, c);
                    return ArrayValue.of(NumberValue.of(t.getHour()), NumberValue.of(t.getMinute()), NumberValue.of(t.getSecond()));
                }),
                SimpleBuiltin.of("time.weekday", 1, (a, c) -> StringValue.of(
                        zoned("time.weekday", a, 0, c).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH))),
                SimpleBuiltin.of("time.format", 1, TimeBuiltins::format),
                SimpleBuiltin.of("time.add_date", 4, TimeBuiltins::addDate),
                SimpleBuiltin.of("time.diff", 2, TimeBuiltins::diff));
    }

    private static BuiltinException outOfRange(String name) {
        return new BuiltinException(ErrorCode.EVAL_BUILTIN, name + ": time outside of valid range");
    }

    static long toNanos(String name, ZonedDateTime t) {
        Instant i = t.toInstant();
        BigInteger ns = BigInteger.valueOf(i.getEpochSecond()).multiply(NS).add(BigInteger.valueOf(i.getNano()));
        if (ns.bitLength() > 63) {
            throw outOfRange(name);
        }
        return ns.longValue();
    }

    private static Value parse(String name, String layout, String value) {
        try {
            return NumberValue.of(toNanos(name, GoTime.parse(layout, value)));
        } catch (GoTime.ParseError e) {
            throw Operands.failure(name, "parsing time \"" + value + "\" as \"" + GoTime.resolve(layout) + "\": " + e.getMessage());
        }
    }

    /** Go's time.ParseDuration, in nanoseconds. */
    static long duration(String s) {
        String orig = s;
        if (s.equals("0")) {
            return 0;
        }
        boolean neg = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw Operands.failure("time.parse_duration_ns", "time: invalid duration \"" + orig + "\"");
        }
        BigDecimal total = BigDecimal.ZERO;
        Matcher m = DURATION_PART.matcher(s);
        int pos = 0;
        while (pos < s.length()) {
            if (!m.find(pos) || m.start() != pos || m.group(1).isEmpty() || m.group(1).equals(".")) {
                throw Operands.failure("time.parse_duration_ns", "time: invalid duration \"" + orig + "\"");
            }
            BigDecimal amount = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0"
                    : m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
            long unit;
            switch (m.group(2)) {
                case "ns": unit = 1L; break;
                case "us":
                case "µs":
                case "μs": unit = 1_000L; break;
                case "ms": unit = 1_000_000L; break;
                case "s": unit = 1_000_000_000L; break;
                case "m": unit = 60_000_000_000L; break;
                default: unit = 3_600_000_000_000L;
            }
            total = total.add(amount.multiply(BigDecimal.valueOf(unit)));
            pos = m.end();
        }
        BigInteger ns = total.setScale(0, RoundingMode.DOWN).toBigInteger();
        if (ns.bitLength() > 63) {
            throw Operands.failure("time.parse_duration_ns", "time: invalid duration \"" + orig + "\"");
        }
        return neg ? -ns.longValue() : ns.longValue();
    }

    private static ZoneId zone(String name, String tz) {
        if (tz.isEmpty() || tz.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        if (tz.equals("Local")) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw Operands.failure(name, "unknown time zone " + tz);
        }
    }

    private static long nanos(String name, NumberValue n) {
        BigInteger i = n.toBigDecimal().setScale(0, RoundingMode.FLOOR).toBigInteger();
        if (i.bitLength() > 63) {
            throw Operands.failure(name, "timestamp too big");
        }
        return i.longValue();
    }

    private static ZonedDateTime at(long ns, ZoneId zone) {
        return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)).atZone(zone);
    }

    /** Operand {@code ns} or {@code [ns, tz]}. */
    private static ZonedDateTime zoned(String name, Value[] a, int i, BuiltinContext c) {
        Value v = a[i];
        if (v instanceof NumberValue n) {
            return at(nanos(name, n), ZoneOffset.UTC);
        }
        if (v instanceof ArrayValue arr && arr.size() >= 2 && arr.get(0) instanceof NumberValue n
                && arr.get(1) instanceof StringValue tz) {
            return at(nanos(name, n), zone(name, tz.value()));
        }
        throw Operands.typeError(name, i, "one of {number, array}", "`ns` to be a `number` or `array[number, string]`", v, c);
    }

    private static Value format(Value[] a, BuiltinContext c) {
        ZonedDateTime t = zoned("time.format", a, 0, c);
        String layout = "RFC3339Nano";
        if (a[0] instanceof ArrayValue arr && arr.size() >= 3) {
            if (!(arr.get(2) instanceof StringValue l)) {
                throw Operands.typeError("time.format", 0, "array of [number, string, string]", "array[number, string, string]", a[0], c);
            }
            layout = l.value();
        }
        return StringValue.of(GoTime.format(t, layout));
    }

    private static Value addDate(Value[] a, BuiltinContext c) {
        long ns = nanos("time.add_date", Operands.number("time.add_date", a, 0, c));
        int years = Operands.smallInt("time.add_date", a, 1, c);
        int months = Operands.smallInt("time.add_date", a, 2, c);
        int days = Operands.smallInt("time.add_date", a, 3, c);
        ZonedDateTime t = at(ns, ZoneOffset.UTC);
        // Go normalises overflowing fields (Jan 31 + 1 month = Mar 3), unlike java.time which clamps.
        long m = (long) t.getMonthValue() - 1 + months;
        long y = (long) t.getYear() + years + Math.floorDiv(m, 12);
        int month = (int) Math.floorMod(m, 12) + 1;
        try {
            LocalDate d = LocalDate.of((int) y, month, 1).plusDays((long) t.getDayOfMonth() - 1 + days);
            ZonedDateTime r = ZonedDateTime.of(d, t.toLocalTime(), ZoneOffset.UTC);
            return NumberValue.of(toNanos("time.add_date", r));
        } catch (DateTimeException | ArithmeticException e) {
            throw outOfRange("time.add_date");
        }
    }

    private static Value diff(Value[] a, BuiltinContext c) {
        ZonedDateTime t1 = zoned("time.diff", a, 0, c);
        ZonedDateTime t2 = zoned("time.diff", a, 1, c).withZoneSameInstant(t1.getZone());
        if (t1.isAfter(t2)) {
            ZonedDateTime x = t1;
            t1 = t2;
            t2 = x;
        }
        int year = t2.getYear() - t1.getYear();
        int month = t2.getMonthValue() - t1.getMonthValue();
        int day = t2.getDayOfMonth() - t1.getDayOfMonth();
        int hour = t2.getHour() - t1.getHour();
        int min = t2.getMinute() - t1.getMinute();
        int sec = t2.getSecond() - t1.getSecond();
        if (sec < 0) {
            sec += 60;
            min--;
        }
        if (min < 0) {
            min += 60;
            hour--;
        }
        if (hour < 0) {
            hour += 24;
            day--;
        }
        if (day < 0) {
            int daysInMonth = LocalDate.of(t1.getYear(), t1.getMonthValue(), 1).lengthOfMonth();
            day += daysInMonth;
            month--;
        }
        if (month < 0) {
            month += 12;
            year--;
        }
        return ArrayValue.of(NumberValue.of(year), NumberValue.of(month), NumberValue.of(day), NumberValue.of(hour),
                NumberValue.of(min), NumberValue.of(sec));
    }
}
