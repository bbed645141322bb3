package io.coco4j.rego.builtins;

import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code units.parse} (SI and binary suffixes, {@code m} for milli) and {@code units.parse_bytes}. */
final class UnitsBuiltins implements BuiltinFamily {
    private static final BigDecimal K = BigDecimal.valueOf(1000);
    private static final BigDecimal KI = BigDecimal.valueOf(1024);
    private static final Map<String, BigDecimal> UNITS = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("k", K), Map.entry("ki", KI),
            Map.entry("m", K.pow(2)), Map.entry("mi", KI.pow(2)),
            Map.entry("g", K.pow(3)), Map.entry("gi", KI.pow(3)),
            Map.entry("t", K.pow(4)), Map.entry("ti", KI.pow(4)),
            Map.entry("p", K.pow(5)), Map.entry("pi", KI.pow(5)),
            Map.entry("e", K.pow(6)), Map.entry("ei", KI.pow(6)));

    private static final java.util.regex.Pattern AMOUNT =
            java.util.regex.Pattern.compile("-?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    /** regorus accepts every SI prefix (case-sensitive) and binary prefixes up to yobi. */
    private static final Map<String, BigDecimal> REGORUS_SI = Map.ofEntries(
            Map.entry("Q", BigDecimal.TEN.pow(30)), Map.entry("R", BigDecimal.TEN.pow(27)), Map.entry("Y", BigDecimal.TEN.pow(24)),
            Map.entry("Z", BigDecimal.TEN.pow(21)), Map.entry("E", BigDecimal.TEN.pow(18)), Map.entry("e", BigDecimal.TEN.pow(18)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("p", BigDecimal.TEN.pow(15)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("t", BigDecimal.TEN.pow(12)), Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("g", BigDecimal.TEN.pow(9)),
            Map.entry("M", BigDecimal.TEN.pow(6)), Map.entry("K", BigDecimal.TEN.pow(3)), Map.entry("k", BigDecimal.TEN.pow(3)),
            Map.entry("h", BigDecimal.TEN.pow(2)), Map.entry("da", BigDecimal.TEN), Map.entry("d", new BigDecimal("1e-1")),
            Map.entry("c", new BigDecimal("1e-2")), Map.entry("m", new BigDecimal("1e-3")), Map.entry("μ", new BigDecimal("1e-6")),
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("f", new BigDecimal("1e-15")), Map.entry("a", new BigDecimal("1e-18")),
            Map.entry("z", new BigDecimal("1e-21")), Map.entry("y", new BigDecimal("1e-24")), Map.entry("r", new BigDecimal("1e-27")),
            Map.entry("q", new BigDecimal("1e-30")), Map.entry("", BigDecimal.ONE));

    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("units.parse", 1, (a, c) -> parse(Operands.string("units.parse", a, 0, c), false,
                        c.compatibility() == io.coco4j.rego.Compatibility.REGORUS)),
                SimpleBuiltin.of("units.parse_bytes", 1, (a, c) -> parse(Operands.string("units.parse_bytes", a, 0, c), true,
                        c.compatibility() == io.coco4j.rego.Compatibility.REGORUS)));
    }

    private static BigDecimal regorusUnit(String unit) {
        BigDecimal m = REGORUS_SI.get(unit);
        if (m != null) {
            return m;
        }
        String u = unit.toLowerCase(Locale.ROOT);
        if (u.length() == 2 && u.charAt(1) == 'i') {
            int power = "kmgtpezy".indexOf(u.charAt(0)) + 1;
            if (power > 0) {
                return KI.pow(power);
            }
        }
        return null;
    }

    private static Value parse(String raw, boolean bytes, boolean regorus) {
        String name = bytes ? "units.parse_bytes" : "units.parse";
        String s = raw.replace("\"", "");
        if (s.contains(" ")) {
            throw Operands.failure(name, "spaces not allowed in resource string");
        }
        java.util.regex.Matcher m = AMOUNT.matcher(s);
        int i = m.lookingAt() ? m.end() : 0;
        String num = s.substring(0, i);
        String unit = s.substring(i);
        if (num.isEmpty()) {
            throw Operands.failure(name, "no amount provided");
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(num.replaceFirst("^(-?)\\.", "$10."));
        } catch (NumberFormatException e) {
            throw Operands.failure(name, "could not parse amount to a number");
        }
        BigDecimal mult;
        if (bytes) {
            String u = unit.toLowerCase(Locale.ROOT);
            if (u.endsWith("b")) {
                u = u.substring(0, u.length() - 1);
            }
            mult = UNITS.get(u);
            if (mult == null) {
                throw Operands.failure(name, "byte unit " + unit + " not recognized");
            }
            return NumberValue.of(amount.multiply(mult).setScale(0, RoundingMode.DOWN));
        }
        if (regorus) {
            mult = regorusUnit(unit);
            if (mult == null) {
                return null;
            }
        } else if (unit.equals("m")) {
            mult = new BigDecimal("0.001");
        } else {
            mult = UNITS.get(unit.toLowerCase(Locale.ROOT));
        }
        if (mult == null) {
            throw Operands.failure(name, "unit " + unit + " not recognized");
        }
        return NumberValue.of(amount.multiply(mult));
    }
}
