package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** {@code array.concat, array.slice, array.reverse, array.flatten}. */
final class ArrayBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("array.concat", 2, ArrayBuiltins::concat),
                SimpleBuiltin.of("array.slice", 3, ArrayBuiltins::slice),
                SimpleBuiltin.of("array.reverse", 1, ArrayBuiltins::reverse),
                SimpleBuiltin.of("array.flatten", 1, ArrayBuiltins::flatten));
    }

    private static Value concat(Value[] a, BuiltinContext c) {
        ArrayValue x = Operands.array("array.concat", a, 0, c);
        ArrayValue y = Operands.array("array.concat", a, 1, c);
        Value[] out = new Value[x.size() + y.size()];
        for (int i = 0; i < x.size(); i++) {
            out[i] = x.get(i);
        }
        for (int i = 0; i < y.size(); i++) {
            out[x.size() + i] = y.get(i);
        }
        return ArrayValue.wrap(out);
    }

    private static long index(NumberValue n) {
        BigDecimal d = n.toBigDecimal().setScale(0, RoundingMode.FLOOR);
        if (d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return Integer.MAX_VALUE;
        }
        if (d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
            return Integer.MIN_VALUE;
        }
        return d.longValue();
    }

    private static Value slice(Value[] a, BuiltinContext c) {
        ArrayValue arr = Operands.array("array.slice", a, 0, c);
        NumberValue from = Operands.number("array.slice", a, 1, c);
        NumberValue to = Operands.number("array.slice", a, 2, c);
        if (!from.isInteger() || !to.isInteger()) {
            if (c.compatibility() == io.coco4j.rego.Compatibility.REGORUS) {
                return null;
            }
            Operands.integer("array.slice", a, from.isInteger() ? 2 : 1, c);
        }
        long start = index(from);
        long stop = index(to);
        start = Math.max(0, start);
        stop = Math.min(arr.size(), stop);
        if (start >= stop) {
            return ArrayValue.EMPTY;
        }
        Value[] out = new Value[(int) (stop - start)];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get((int) start + i);
        }
        return ArrayValue.wrap(out);
    }

    private static Value reverse(Value[] a, BuiltinContext c) {
        ArrayValue arr = Operands.array("array.reverse", a, 0, c);
        Value[] out = new Value[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(out.length - 1 - i);
        }
        return ArrayValue.wrap(out);
    }

    private static Value flatten(Value[] a, BuiltinContext c) {
        ArrayValue arr = Operands.array("array.flatten", a, 0, c);
        List<Value> out = new ArrayList<>();
        flattenInto(arr, out);
        return ArrayValue.of(out);
    }

    /** One level: elements that are arrays are spliced in; deeper arrays stay. */
    private static void flattenInto(ArrayValue arr, List<Value> out) {
        for (Value v : arr.asList()) {
            if (v instanceof ArrayValue inner) {
                out.addAll(inner.asList());
            } else {
                out.add(v);
            }
        }
    }
}
