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

    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("units.parse", 1, (a, c) -> parse(Operands.string("units.parse", a, 0, c), false)),
                SimpleBuiltin.of("units.parse_bytes", 1, (a, c) -> parse(Operands.string("units.parse_bytes", a, 0, c), true)));
    }

    private static Value parse(String raw, boolean bytes) {
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
        if (unit.equals("m")) {
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
