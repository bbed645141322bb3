package io.coco4j.rego.builtins;

import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.ValueOrder;
import java.util.List;

/** {@code ==, !=, <, <=, >, >=}: defined on all values, ordered by Rego's canonical order. */
final class ComparisonBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("equal", 2, (a, c) -> BooleanValue.of(a[0].equals(a[1]))),
                SimpleBuiltin.of("neq", 2, (a, c) -> BooleanValue.of(!a[0].equals(a[1]))),
                SimpleBuiltin.of("lt", 2, (a, c) -> BooleanValue.of(compare(a, c) < 0)),
                SimpleBuiltin.of("lte", 2, (a, c) -> BooleanValue.of(compare(a, c) <= 0)),
                SimpleBuiltin.of("gt", 2, (a, c) -> BooleanValue.of(compare(a, c) > 0)),
                SimpleBuiltin.of("gte", 2, (a, c) -> BooleanValue.of(compare(a, c) >= 0)));
    }

    private static int compare(io.coco4j.rego.value.Value[] a, BuiltinContext c) {
        return ValueOrder.compare(a[0], a[1], c.compatibility() == io.coco4j.rego.Compatibility.REGORUS);
    }
}
