package io.coco4j.rego.builtins;

import io.coco4j.rego.value.SetBuilder;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.Value;
import java.util.List;

/** Set operators {@code &} and {@code |}, and {@code intersection}/{@code union} over a set of sets. */
final class SetBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("and", 2, (a, c) -> Operands.set("and", a, 0, c).intersection(Operands.set("and", a, 1, c))),
                SimpleBuiltin.of("or", 2, (a, c) -> Operands.set("or", a, 0, c).union(Operands.set("or", a, 1, c))),
                SimpleBuiltin.of("intersection", 1, SetBuiltins::intersection),
                SimpleBuiltin.of("union", 1, SetBuiltins::union));
    }

    private static Value intersection(Value[] a, BuiltinContext c) {
        SetValue sets = Operands.set("intersection", a, 0, c);
        SetValue out = null;
        for (Value v : sets.elements()) {
            if (!(v instanceof SetValue s)) {
                throw Operands.typeError("intersection", 0, "set of sets", "set of sets", a[0], c);
            }
            out = out == null ? s : out.intersection(s);
        }
        return out == null ? SetValue.EMPTY : out;
    }

    private static Value union(Value[] a, BuiltinContext c) {
        SetValue sets = Operands.set("union", a, 0, c);
        SetBuilder b = new SetBuilder();
        for (Value v : sets.elements()) {
            if (!(v instanceof SetValue s)) {
                throw Operands.typeError("union", 0, "set of sets", "set of sets", a[0], c);
            }
            b.addAll(s);
        }
        return b.build();
    }
}
