package io.coco4j.rego.builtins;

import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Arithmetic operators, rounding, ranges and {@code rand.intn}. */
final class ArithmeticBuiltins implements BuiltinFamily {
    private static final long MAX_RANGE = 100_000_000L;

    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("plus", 2, (a, c) -> NumberOps.add(Operands.number("plus", a, 0, c), Operands.number("plus", a, 1, c), c)),
                SimpleBuiltin.of("minus", 2, ArithmeticBuiltins::minus),
                SimpleBuiltin.of("mul", 2, (a, c) -> NumberOps.multiply(Operands.number("mul", a, 0, c), Operands.number("mul", a, 1, c), c)),
                SimpleBuiltin.of("div", 2, ArithmeticBuiltins::div),
                SimpleBuiltin.of("rem", 2, ArithmeticBuiltins::rem),
                SimpleBuiltin.of("abs", 1, (a, c) -> NumberOps.abs(Operands.number("abs", a, 0, c))),
                SimpleBuiltin.of("ceil", 1, (a, c) -> NumberOps.round(Operands.number("ceil", a, 0, c), RoundingMode.CEILING)),
                SimpleBuiltin.of("floor", 1, (a, c) -> NumberOps.round(Operands.number("floor", a, 0, c), RoundingMode.FLOOR)),
                SimpleBuiltin.of("round", 1, (a, c) -> NumberOps.round(Operands.number("round", a, 0, c), RoundingMode.HALF_UP)),
                SimpleBuiltin.of("numbers.range", 2, (a, c) -> range("numbers.range", a, c, BigInteger.ONE)),
                SimpleBuiltin.of("numbers.range_step", 3, ArithmeticBuiltins::rangeStep),
                SimpleBuiltin.nondeterministic("rand.intn", 2, ArithmeticBuiltins::randIntn));
    }

    private static Value minus(Value[] a, BuiltinContext c) {
        if (a[0] instanceof NumberValue x) {
            if (a[1] instanceof NumberValue y) {
                return NumberOps.subtract(x, y, c);
            }
            throw Operands.typeError("minus", 1, Operands.Kind.NUMBER, a[1], c);
        }
        if (a[0] instanceof SetValue x) {
            if (a[1] instanceof SetValue y) {
                return x.difference(y);
            }
            throw Operands.typeError("minus", 1, Operands.Kind.SET, a[1], c);
        }
        throw Operands.typeError("minus", 0, "one of {number, set}", "numeric argument", a[0], c);
    }

    private static Value div(Value[] a, BuiltinContext c) {
        NumberValue x = Operands.number("div", a, 0, c);
        NumberValue y = Operands.number("div", a, 1, c);
        if (y.signum() == 0) {
            throw new BuiltinException(ErrorCode.EVAL_BUILTIN, "div: divide by zero");
        }
        return NumberOps.divide(x, y, c);
    }

    private static Value rem(Value[] a, BuiltinContext c) {
        NumberValue x = Operands.number("rem", a, 0, c);
        NumberValue y = Operands.number("rem", a, 1, c);
        if (c.compatibility() == io.coco4j.rego.Compatibility.REGORUS && (x.isFloatLiteral() || y.isFloatLiteral())) {
            // regorus keeps numbers written with a fraction or exponent as floats, and floats have no remainder.
            throw new BuiltinException(ErrorCode.EVAL_BUILTIN, "rem: modulo on floating-point number");
        }
        try {
            return NumberOps.remainder(x, y);
        } catch (ArithmeticException e) {
            throw new BuiltinException(ErrorCode.EVAL_BUILTIN, "rem: " + e.getMessage());
        }
    }

    private static Value range(String name, Value[] a, BuiltinContext c, BigInteger step) {
        BigInteger from = Operands.integer(name, a, 0, c);
        BigInteger to = Operands.integer(name, a, 1, c);
        BigInteger span = to.subtract(from).abs().divide(step);
        if (span.compareTo(BigInteger.valueOf(MAX_RANGE)) > 0) {
            throw Operands.failure(name, "range of " + span + " elements is too large");
        }
        int n = span.intValue() + 1;
        c.chargeSteps(n);
        Value[] out = new Value[n];
        BigInteger cur = from;
        BigInteger inc = from.compareTo(to) <= 0 ? step : step.negate();
        for (int i = 0; i < n; i++) {
            out[i] = NumberValue.of(cur);
            cur = cur.add(inc);
        }
        return ArrayValue.wrap(out);
    }

    private static Value rangeStep(Value[] a, BuiltinContext c) {
        BigInteger step = Operands.integer("numbers.range_step", a, 2, c);
        if (step.signum() <= 0) {
            throw Operands.failure("numbers.range_step", "step must be a positive number above zero");
        }
        return range("numbers.range_step", a, c, step);
    }

    private static Value randIntn(Value[] a, BuiltinContext c) {
        String seed = Operands.string("rand.intn", a, 0, c);
        NumberValue nv = Operands.number("rand.intn", a, 1, c);
        if (!nv.isInteger() && c.compatibility() == io.coco4j.rego.Compatibility.REGORUS) {
            return null;
        }
        BigInteger n = nv.toBigInteger().orElseThrow(() -> Operands.typeError("rand.intn", 1, Operands.Kind.INTEGER, nv, c));
        if (n.signum() == 0) {
            return NumberValue.ZERO;
        }
        long bound = n.abs().min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        Map<Object, Object> cache = c.evaluationCache();
        Object key = List.of("rand.intn", seed, bound);
        Object hit = cache.get(key);
        if (hit != null) {
            return (Value) hit;
        }
        long r = Math.floorMod(new Random().nextLong(), bound);
        Value v = NumberValue.of(r);
        cache.put(key, v);
        return v;
    }
}
