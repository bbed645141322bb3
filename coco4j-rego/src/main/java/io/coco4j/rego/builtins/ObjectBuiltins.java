package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.Value;
import java.util.List;

/** {@code object.*}: get, keys, remove, filter, union, union_n, subset. */
final class ObjectBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("object.get", 3, ObjectBuiltins::get),
                SimpleBuiltin.of("object.keys", 1, (a, c) -> {
                    ObjectValue o = Operands.object("object.keys", a, 0, c);
                    return SetValue.of(o.keys());
                }),
                SimpleBuiltin.of("object.remove", 2, ObjectBuiltins::remove),
                SimpleBuiltin.of("object.filter", 2, ObjectBuiltins::filter),
                SimpleBuiltin.of("object.union", 2, (a, c) -> union(Operands.object("object.union", a, 0, c),
                        Operands.object("object.union", a, 1, c))),
                SimpleBuiltin.of("object.union_n", 1, ObjectBuiltins::unionN),
                SimpleBuiltin.of("object.subset", 2, ObjectBuiltins::subset));
    }

    private static Value get(Value[] a, BuiltinContext c) {
        ObjectValue o = Operands.object("object.get", a, 0, c);
        if (a[1] instanceof ArrayValue path) {
            Value cur = o;
            for (Value k : path.asList()) {
                cur = step(cur, k);
                if (cur == null) {
                    return a[2];
                }
            }
            return cur;
        }
        Value v = o.get(a[1]);
        return v == null ? a[2] : v;
    }

    private static Value step(Value cur, Value key) {
        if (cur instanceof ObjectValue o) {
            return o.get(key);
        }
        if (cur instanceof ArrayValue arr && key instanceof NumberValue n && n.isLong()) {
            long i = n.longValue();
            return i >= 0 && i < arr.size() ? arr.get((int) i) : null;
        }
        if (cur instanceof SetValue s) {
            return s.contains(key) ? key : null;
        }
        return null;
    }

    static List<Value> keyList(String name, Value[] a, int i, BuiltinContext c) {
        Value v = a[i];
        if (v instanceof ArrayValue arr) {
            return arr.asList();
        }
        if (v instanceof SetValue s) {
            return s.elements();
        }
        if (v instanceof ObjectValue o) {
            return o.keys();
        }
        throw Operands.typeError(name, i, "one of {array, object, set}", "array/object/set", v, c);
    }

    private static Value remove(Value[] a, BuiltinContext c) {
        ObjectValue o = Operands.object("object.remove", a, 0, c);
        for (Value k : keyList("object.remove", a, 1, c)) {
            o = o.without(k);
        }
        return o;
    }

    private static Value filter(Value[] a, BuiltinContext c) {
        ObjectValue o = Operands.object("object.filter", a, 0, c);
        ObjectValue.Builder b = ObjectValue.builder();
        for (Value k : keyList("object.filter", a, 1, c)) {
            Value v = o.get(k);
            if (v != null) {
                b.put(k, v);
            }
        }
        return b.build();
    }

    /** Deep merge; on a conflict that is not object-with-object, {@code b} wins. */
    static ObjectValue union(ObjectValue a, ObjectValue b) {
        ObjectValue out = a;
        for (int i = 0; i < b.size(); i++) {
            Value k = b.keyAt(i);
            Value bv = b.valueAt(i);
            Value av = out.get(k);
            if (av instanceof ObjectValue ao && bv instanceof ObjectValue bo) {
                out = out.with(k, union(ao, bo));
            } else {
                out = out.with(k, bv);
            }
        }
        return out;
    }

    private static Value unionN(Value[] a, BuiltinContext c) {
        ArrayValue arr = Operands.array("object.union_n", a, 0, c);
        ObjectValue out = ObjectValue.EMPTY;
        for (Value v : arr.asList()) {
            if (!(v instanceof ObjectValue o)) {
                throw Operands.typeError("object.union_n", 0, "array of objects", "array of objects", a[0], c);
            }
            out = union(out, o);
        }
        return out;
    }

    private static Value subset(Value[] a, BuiltinContext c) {
        Value sup = a[0];
        Value sub = a[1];
        boolean supOk = sup instanceof ObjectValue || sup instanceof SetValue || sup instanceof ArrayValue;
        boolean subOk = sub instanceof ObjectValue || sub instanceof SetValue || sub instanceof ArrayValue;
        if (!supOk) {
            throw Operands.typeError("object.subset", 0, "one of {object, set, array}", "object/set/array", sup, c);
        }
        if (!subOk) {
            throw Operands.typeError("object.subset", 1, "one of {object, set, array}", "object/set/array", sub, c);
        }
        return BooleanValue.of(isSubset(sup, sub));
    }

    private static boolean isSubset(Value sup, Value sub) {
        if (sup instanceof ObjectValue so && sub instanceof ObjectValue bo) {
            for (int i = 0; i < bo.size(); i++) {
                Value sv = so.get(bo.keyAt(i));
                if (sv == null) {
                    return false;
                }
                Value bv = bo.valueAt(i);
                if (sv instanceof ObjectValue || sv instanceof SetValue || sv instanceof ArrayValue) {
                    if (sv.type() == bv.type() ? !isSubset(sv, bv) : !sv.equals(bv)) {
                        return false;
                    }
                } else if (!sv.equals(bv)) {
                    return false;
                }
            }
            return true;
        }
        if (sup instanceof SetValue ss && sub instanceof SetValue bs) {
            for (Value v : bs.elements()) {
                if (!ss.contains(v)) {
                    return false;
                }
            }
            return true;
        }
        if (sup instanceof ArrayValue sa && sub instanceof ArrayValue ba) {
            // A contiguous run of the super array equal to the sub array.
            if (ba.isEmpty()) {
                return true;
            }
            for (int i = 0; i + ba.size() <= sa.size(); i++) {
                boolean all = true;
                for (int j = 0; j < ba.size() && all; j++) {
                    all = sa.get(i + j).equals(ba.get(j));
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }
        if (sup instanceof SetValue ss && sub instanceof ArrayValue ba) {
            for (Value v : ba.asList()) {
                if (!ss.contains(v)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
