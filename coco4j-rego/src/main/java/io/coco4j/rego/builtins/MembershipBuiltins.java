package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.Value;
import java.util.List;

/** The {@code in} operator: {@code x in xs} and {@code k, v in xs}; false for non-collections. */
final class MembershipBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("internal.member_2", 2, (a, c) -> BooleanValue.of(member(a[0], a[1]))),
                SimpleBuiltin.of("internal.member_3", 3, (a, c) -> BooleanValue.of(member(a[0], a[1], a[2]))));
    }

    static boolean member(Value x, Value coll) {
        switch (coll.type()) {
            case ARRAY:
                for (Value v : ((ArrayValue) coll).asList()) {
                    if (v.equals(x)) {
                        return true;
                    }
                }
                return false;
            case SET:
                return ((SetValue) coll).contains(x);
            case OBJECT: {
                ObjectValue o = (ObjectValue) coll;
                for (int i = 0; i < o.size(); i++) {
                    if (o.valueAt(i).equals(x)) {
                        return true;
                    }
                }
                return false;
            }
            default:
                return false;
        }
    }

    private static boolean member(Value k, Value v, Value coll) {
        switch (coll.type()) {
            case ARRAY: {
                if (!(k instanceof NumberValue n) || !n.isLong()) {
                    return false;
                }
                ArrayValue a = (ArrayValue) coll;
                long i = n.longValue();
                return i >= 0 && i < a.size() && a.get((int) i).equals(v);
            }
            case OBJECT: {
                Value got = ((ObjectValue) coll).get(k);
                return got != null && got.equals(v);
            }
            case SET:
                return k.equals(v) && ((SetValue) coll).contains(k);
            default:
                return false;
        }
    }
}
