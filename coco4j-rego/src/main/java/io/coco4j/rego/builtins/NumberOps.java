package io.coco4j.rego.builtins;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.value.NumberValue;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number arithmetic. Integers are exact at any size. Non-integers follow the compatibility mode:
 * exact decimals (OPA, whose quotients carry about 20 significant digits) or IEEE doubles
 * (regorus, so {@code 0.1 + 0.2} is {@code 0.30000000000000004}).
 */
public final class NumberOps {
    /** Precision of inexact quotients: OPA's 64-bit-mantissa floats print about 20 digits. */
    private static final MathContext QUOTIENT = new MathContext(20, RoundingMode.HALF_EVEN);

    private NumberOps() {
    }

    private static boolean doubles(BuiltinContext ctx, NumberValue a, NumberValue b) {
        return ctx.compatibility() == Compatibility.REGORUS && !(a.isInteger() && b.isInteger());
    }

    public static NumberValue add(NumberValue a, NumberValue b, BuiltinContext ctx) {
        if (a.isLong() && b.isLong()) {
            long x = a.longValue();
            long y = b.longValue();
            long r = x + y;
            if (((x ^ r) & (y ^ r)) >= 0) {
                return NumberValue.of(r);
            }
        }
        if (doubles(ctx, a, b)) {
            return NumberValue.of(a.toDouble() + b.toDouble());
        }
        return NumberValue.of(a.toBigDecimal().add(b.toBigDecimal()));
    }

    public static NumberValue subtract(NumberValue a, NumberValue b, BuiltinContext ctx) {
        if (a.isLong() && b.isLong()) {
            long x = a.longValue();
            long y = b.longValue();
            long r = x - y;
            if (((x ^ y) & (x ^ r)) >= 0) {
                return NumberValue.of(r);
            }
        }
        if (doubles(ctx, a, b)) {
            return NumberValue.of(a.toDouble() - b.toDouble());
        }
        return NumberValue.of(a.toBigDecimal().subtract(b.toBigDecimal()));
    }

    public static NumberValue multiply(NumberValue a, NumberValue b, BuiltinContext ctx) {
        if (a.isLong() && b.isLong()) {
            long x = a.longValue();
            long y = b.longValue();
            long hi = Math.multiplyHigh(x, y);
            long lo = x * y;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                return NumberValue.of(lo);
            }
        }
        if (doubles(ctx, a, b)) {
            return NumberValue.of(a.toDouble() * b.toDouble());
        }
        return NumberValue.of(a.toBigDecimal().multiply(b.toBigDecimal()));
    }

    /** Quotient; throws when dividing by zero. */
    public static NumberValue divide(NumberValue a, NumberValue b, BuiltinContext ctx) {
        if (b.signum() == 0) {
            throw new ArithmeticException("divide by zero");
        }
        if (a.isLong() && b.isLong()) {
            long x = a.longValue();
            long y = b.longValue();
            if (y != -1 && x % y == 0) {
                return NumberValue.of(x / y);
            }
        }
        if (ctx.compatibility() == Compatibility.REGORUS) {
            if (a.isInteger() && b.isInteger()) {
                BigInteger[] qr = a.toBigInteger().orElseThrow().divideAndRemainder(b.toBigInteger().orElseThrow());
                if (qr[1].signum() == 0) {
                    return NumberValue.of(qr[0]);
                }
            }
            return NumberValue.of(a.toDouble() / b.toDouble());
        }
        BigDecimal x = a.toBigDecimal();
        BigDecimal y = b.toBigDecimal();
        try {
            return NumberValue.of(x.divide(y));
        } catch (ArithmeticException nonTerminating) {
            return NumberValue.of(x.divide(y, QUOTIENT));
        }
    }

    /** Remainder with the sign of the dividend; both operands must be integers. */
    public static NumberValue remainder(NumberValue a, NumberValue b) {
        if (!a.isInteger() || !b.isInteger()) {
            throw new ArithmeticException("modulo on floating-point number");
        }
        if (b.signum() == 0) {
            throw new ArithmeticException("modulo by zero");
        }
        if (a.isLong() && b.isLong()) {
            return NumberValue.of(a.longValue() % b.longValue());
        }
        return NumberValue.of(a.toBigInteger().orElseThrow().remainder(b.toBigInteger().orElseThrow()));
    }

    public static NumberValue negate(NumberValue a) {
        if (a.isLong() && a.longValue() != Long.MIN_VALUE) {
            return NumberValue.of(-a.longValue());
        }
        return NumberValue.of(a.toBigDecimal().negate());
    }

    public static NumberValue abs(NumberValue a) {
        return a.signum() < 0 ? negate(a) : a;
    }

    public static NumberValue round(NumberValue a, RoundingMode mode) {
        if (a.isInteger()) {
            return a;
        }
        return NumberValue.of(a.toBigDecimal().setScale(0, mode));
    }
}
