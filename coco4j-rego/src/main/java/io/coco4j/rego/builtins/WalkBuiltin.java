package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/** {@code walk(x, [path, value])}: every node of a document, the root first. */
final class WalkBuiltin implements BuiltinFamily, Builtin {
    @Override
    public List<Builtin> builtins() {
        return List.of(this);
    }

    @Override
    public String name() {
        return "walk";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public boolean isRelation() {
        return true;
    }

    @Override
    public Value call(Value[] args, BuiltinContext ctx) {
        List<Value> out = new ArrayList<>();
        walk(new ArrayList<>(), args[0], out, ctx);
        return ArrayValue.of(out);
    }

    private static void walk(List<Value> path, Value v, List<Value> out, BuiltinContext ctx) {
        ctx.chargeSteps(1);
        out.add(ArrayValue.of(ArrayValue.of(path), v));
        switch (v.type()) {
            case ARRAY: {
                ArrayValue a = (ArrayValue) v;
                for (int i = 0; i < a.size(); i++) {
                    path.add(NumberValue.of(i));
                    walk(path, a.get(i), out, ctx);
                    path.remove(path.size() - 1);
                }
                break;
            }
            case OBJECT: {
                ObjectValue o = (ObjectValue) v;
                for (int i = 0; i < o.size(); i++) {
                    path.add(o.keyAt(i));
                    walk(path, o.valueAt(i), out, ctx);
                    path.remove(path.size() - 1);
                }
                break;
            }
            case SET: {
                for (Value e : ((SetValue) v).elements()) {
                    path.add(e);
                    walk(path, e, out, ctx);
                    path.remove(path.size() - 1);
                }
                break;
            }
            default:
                break;
        }
    }
}
