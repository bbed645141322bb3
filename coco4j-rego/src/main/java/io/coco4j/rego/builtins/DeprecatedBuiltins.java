package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NullValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.util.List;

/** Builtins OPA dropped from Rego v1 but still offers to v0 policies: {@code cast_*}, {@code re_match}, {@code set_diff}. */
final class DeprecatedBuiltins implements BuiltinFamily {
    /** Marks a builtin as available to v0 modules only. */
    record Deprecated(Builtin builtin) implements Builtin {
        @Override
        public String name() {
            return builtin.name();
        }

        @Override
        public int arity() {
            return builtin.arity();
        }

        @Override
        public Value call(Value[] args, BuiltinContext ctx) {
            return builtin.call(args, ctx);
        }

        @Override
        public boolean isDeprecated() {
            return true;
        }
    }

    static Builtin deprecated(Builtin b) {
        return new Deprecated(b);
    }

    @Override
    public List<Builtin> builtins() {
        return List.of(
                deprecated(SimpleBuiltin.of("cast_array", 1, (a, c) -> {
                    if (a[0] instanceof ArrayValue) {
                        return a[0];
                    }
                    if (a[0] instanceof SetValue s) {
                        return ArrayValue.of(s.elements());
                    }
                    throw Operands.typeError("cast_array", 0, Operands.Kind.ARRAY_OR_SET, a[0], c);
                })),
                deprecated(SimpleBuiltin.of("cast_set", 1, (a, c) -> {
                    if (a[0] instanceof SetValue) {
                        return a[0];
                    }
                    if (a[0] instanceof ArrayValue arr) {
                        return SetValue.of(arr.asList());
                    }
                    throw Operands.typeError("cast_set", 0, Operands.Kind.ARRAY_OR_SET, a[0], c);
                })),
                deprecated(SimpleBuiltin.of("cast_string", 1, (a, c) -> StringValue.of(Operands.string("cast_string", a, 0, c)))),
                deprecated(SimpleBuiltin.of("cast_boolean", 1, (a, c) -> BooleanValue.of(Operands.bool("cast_boolean", a, 0, c)))),
                deprecated(SimpleBuiltin.of("cast_null", 1, (a, c) -> {
                    if (!(a[0] instanceof NullValue)) {
                        throw Operands.typeError("cast_null", 0, "null", "null", a[0], c);
                    }
                    return a[0];
                })),
                deprecated(SimpleBuiltin.of("cast_object", 1, (a, c) -> Operands.object("cast_object", a, 0, c))),
                deprecated(SimpleBuiltin.of("re_match", 2, (a, c) -> BooleanValue.of(RegexBuiltins.pattern("re_match",
                        Operands.string("re_match", a, 0, c)).matcher(new GuardedChars(Operands.string("re_match", a, 1, c), c)).find()))),
                deprecated(SimpleBuiltin.of("set_diff", 2, (a, c) -> Operands.set("set_diff", a, 0, c)
                        .difference(Operands.set("set_diff", a, 1, c)))));
    }
}
