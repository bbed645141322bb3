package io.coco4j.rego.builtins;

import io.coco4j.rego.value.NumberValue;
import java.math.BigInteger;
import java.util.List;

/** {@code bits.*} on integers of any size (two's complement semantics, as Go's big.Int). */
final class BitsBuiltins implements BuiltinFamily {
    private static final int MAX_SHIFT = 1 << 16;

    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("bits.and", 2, (a, c) -> NumberValue.of(Operands.integer("bits.and", a, 0, c).and(Operands.integer("bits.and", a, 1, c)))),
                SimpleBuiltin.of("bits.or", 2, (a, c) -> NumberValue.of(Operands.integer("bits.or", a, 0, c).or(Operands.integer("bits.or", a, 1, c)))),
                SimpleBuiltin.of("bits.xor", 2, (a, c) -> NumberValue.of(Operands.integer("bits.xor", a, 0, c).xor(Operands.integer("bits.xor", a, 1, c)))),
                SimpleBuiltin.of("bits.negate", 1, (a, c) -> NumberValue.of(Operands.integer("bits.negate", a, 0, c).not())),
                SimpleBuiltin.of("bits.lsh", 2, (a, c) -> NumberValue.of(Operands.integer("bits.lsh", a, 0, c).shiftLeft(shift("bits.lsh", Operands.integer("bits.lsh", a, 1, c))))),
                SimpleBuiltin.of("bits.rsh", 2, (a, c) -> NumberValue.of(Operands.integer("bits.rsh", a, 0, c).shiftRight(shift("bits.rsh", Operands.integer("bits.rsh", a, 1, c))))));
    }

    private static int shift(String name, BigInteger s) {
        if (s.signum() < 0) {
            throw Operands.failure(name, "shift must be non-negative");
        }
        if (s.compareTo(BigInteger.valueOf(MAX_SHIFT)) > 0) {
            throw Operands.failure(name, "shift is too large");
        }
        return s.intValue();
    }
}
