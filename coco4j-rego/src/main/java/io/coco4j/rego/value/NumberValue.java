package io.coco4j.rego.value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An arbitrary-precision Rego number. Integers that fit a {@code long} are held as one (the
 * common case, kept cheap); everything else as a {@link BigDecimal}. Equal numbers are always
 * held in the same form, so {@code 3.50} equals {@code 3.5} and {@code 1e2} equals {@code 100}.
 */
public final class NumberValue implements Value {
    private static final NumberValue[] SMALL = new NumberValue[1024 + 128];
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Beyond this many digits an integral value is not expanded to a BigInteger (guards 1e1000000000). */
    private static final int MAX_INTEGER_DIGITS = 100_000;

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new NumberValue(i - 128, null);
        }
    }

    public static final NumberValue ZERO = of(0);
    public static final NumberValue ONE = of(1);

    private final long small;
    /** Non-null only for non-integers and integers outside the long range; always trailing-zero stripped. */
    private final BigDecimal big;
    /** Written in source with a fraction or exponent; engines with separate float types treat it as one. */
    private final boolean floatLiteral;
    private int hash;

    private NumberValue(long small, BigDecimal big) {
        this(small, big, false);
    }

    private NumberValue(long small, BigDecimal big, boolean floatLiteral) {
        this.small = small;
        this.big = big;
        this.floatLiteral = floatLiteral;
    }

    /** A number literal from policy source; remembers whether it was written as a float ({@code 4.0}, {@code 1e3}). */
    public static NumberValue literal(String text) {
        NumberValue n = parse(text);
        if (text.indexOf('.') >= 0 || text.indexOf('e') >= 0 || text.indexOf('E') >= 0) {
            return new NumberValue(n.small, n.big, true);
        }
        return n;
    }

    /** True for a literal written with a fraction or exponent (see {@link #literal}). */
    public boolean isFloatLiteral() {
        return floatLiteral;
    }

    public static NumberValue of(long v) {
        if (v >= -128 && v < SMALL.length - 128) {
            return SMALL[(int) v + 128];
        }
        return new NumberValue(v, null);
    }

    public static NumberValue of(BigInteger v) {
        if (v.bitLength() < 64) {
            return of(v.longValue());
        }
        return of(new BigDecimal(v));
    }

    public static NumberValue of(BigDecimal v) {
        if (v.signum() == 0) {
            return ZERO;
        }
        // A value whose exponent is far out of range is kept as is: stripping would be costly and it is not a long anyway.
        if (v.scale() <= 0 && v.precision() - v.scale() <= 18) {
            return of(v.longValueExact());
        }
        BigDecimal stripped = v.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.compareTo(LONG_MIN) >= 0 && stripped.compareTo(LONG_MAX) <= 0) {
            return of(stripped.longValueExact());
        }
        return new NumberValue(0, stripped);
    }

    /** A finite double, as the closest short decimal (0.1 stays 0.1). */
    public static NumberValue of(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new ArithmeticException("not a finite number: " + d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
            return of((long) d);
        }
        return of(new BigDecimal(Double.toString(d)));
    }

    /** Parses Rego/JSON number text such as {@code -12}, {@code 3.5} or {@code 1e400}. */
    public static NumberValue parse(String text) {
        int n = text.length();
        if (n > 0 && n <= 18) {
            boolean digits = true;
            for (int i = text.charAt(0) == '-' ? 1 : 0; i < n; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    digits = false;
                    break;
                }
            }
            if (digits && !(n == 1 && text.charAt(0) == '-')) {
                return of(Long.parseLong(text));
            }
        }
        return of(new BigDecimal(text));
    }

    @Override
    public ValueType type() {
        return ValueType.NUMBER;
    }

    /** True when the value is held as a long. */
    public boolean isLong() {
        return big == null;
    }

    /** The long value; only meaningful when {@link #isLong()}. */
    public long longValue() {
        return small;
    }

    public boolean isInteger() {
        return big == null || big.scale() <= 0;
    }

    public BigDecimal toBigDecimal() {
        return big == null ? BigDecimal.valueOf(small) : big;
    }

    /** The integer value, or empty when this is not an integer (or absurdly large). */
    public Optional<BigInteger> toBigInteger() {
        if (big == null) {
            return Optional.of(BigInteger.valueOf(small));
        }
        if (big.scale() > 0 || big.precision() - big.scale() > MAX_INTEGER_DIGITS) {
            return Optional.empty();
        }
        return Optional.of(big.toBigIntegerExact());
    }

    /** The value as an int when it is an integer within int range. */
    public Optional<Integer> toInt() {
        if (big == null && small >= Integer.MIN_VALUE && small <= Integer.MAX_VALUE) {
            return Optional.of((int) small);
        }
        return Optional.empty();
    }

    public double toDouble() {
        return big == null ? (double) small : big.doubleValue();
    }

    public int signum() {
        return big == null ? Long.signum(small) : big.signum();
    }

    public int compareNumber(NumberValue o) {
        if (big == null && o.big == null) {
            return Long.compare(small, o.small);
        }
        return toBigDecimal().compareTo(o.toBigDecimal());
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof NumberValue n)) {
            return false;
        }
        if (big == null || n.big == null) {
            return big == null && n.big == null && small == n.small;
        }
        return big.compareTo(n.big) == 0;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = big == null ? Long.hashCode(small) : big.hashCode();
            h = h == 0 ? 1 : h;
            hash = h;
        }
        return h;
    }

    /** JSON text: integers in full, fractions in plain notation unless the exponent is extreme. */
    @Override
    public String toString() {
        if (big == null) {
            return Long.toString(small);
        }
        int exponent = big.precision() - big.scale() - 1;
        if (exponent > -7 && exponent < 1000) {
            return big.toPlainString();
        }
        String s = big.toString().replace('E', 'e');
        return s;
    }
}
