package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import io.coco4j.rego.value.ValueOrder;
import java.util.Arrays;
import java.util.List;

/** {@code count, sum, product, max, min, sort}. */
final class AggregateBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("count", 1, AggregateBuiltins::count),
                SimpleBuiltin.of("sum", 1, (a, c) -> fold("sum", a, c, true)),
                SimpleBuiltin.of("product", 1, (a, c) -> fold("product", a, c, false)),
                SimpleBuiltin.of("max", 1, (a, c) -> extreme("max", a, c, true)),
                SimpleBuiltin.of("min", 1, (a, c) -> extreme("min", a, c, false)),
                SimpleBuiltin.of("sort", 1, AggregateBuiltins::sort),
                SimpleBuiltin.of("all", 1, (a, c) -> all(a, c, true)),
                SimpleBuiltin.of("any", 1, (a, c) -> all(a, c, false)));
    }

    private static Value count(Value[] a, BuiltinContext c) {
        Value v = a[0];
        switch (v.type()) {
            case ARRAY:
                return NumberValue.of(((ArrayValue) v).size());
            case SET:
                return NumberValue.of(((SetValue) v).size());
            case OBJECT:
                return NumberValue.of(((ObjectValue) v).size());
            case STRING: {
                String s = ((StringValue) v).value();
                return NumberValue.of(s.codePointCount(0, s.length()));
            }
            default:
                throw Operands.typeError("count", 0, Operands.Kind.COUNTABLE, v, c);
        }
    }

    private static List<Value> collection(String name, Value[] a, BuiltinContext c) {
        if (a[0] instanceof ArrayValue arr) {
            return arr.asList();
        }
        if (a[0] instanceof SetValue s) {
            return s.elements();
        }
        throw Operands.typeError(name, 0, Operands.Kind.ARRAY_OR_SET, a[0], c);
    }

    private static Value fold(String name, Value[] a, BuiltinContext c, boolean sum) {
        NumberValue acc = sum ? NumberValue.ZERO : NumberValue.ONE;
        for (Value v : collection(name, a, c)) {
            if (!(v instanceof NumberValue n)) {
                throw Operands.typeError(name, 0, "array or set of numbers", "array/set of numbers", a[0], c);
            }
            acc = sum ? NumberOps.add(acc, n, c) : NumberOps.multiply(acc, n, c);
        }
        return acc;
    }

    private static Value extreme(String name, Value[] a, BuiltinContext c, boolean max) {
        List<Value> xs = collection(name, a, c);
        Value best = null;
        for (Value v : xs) {
            if (best == null || (max ? ValueOrder.compare(v, best) > 0 : ValueOrder.compare(v, best) < 0)) {
                best = v;
            }
        }
        return best;
    }

    private static Value sort(Value[] a, BuiltinContext c) {
        if (a[0] instanceof SetValue s) {
            return ArrayValue.of(s.elements());
        }
        Value[] xs = collection("sort", a, c).toArray(new Value[0]);
        Arrays.sort(xs, ValueOrder.COMPARATOR);
        return ArrayValue.wrap(xs);
    }

    private static Value all(Value[] a, BuiltinContext c, boolean all) {
        for (Value v : collection(all ? "all" : "any", a, c)) {
            boolean t = v == BooleanValue.TRUE;
            if (all && !t) {
                return BooleanValue.FALSE;
            }
            if (!all && t) {
                return BooleanValue.TRUE;
            }
        }
        return BooleanValue.of(all);
    }
}
