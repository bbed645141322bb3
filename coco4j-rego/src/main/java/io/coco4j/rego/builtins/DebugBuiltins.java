package io.coco4j.rego.builtins;

import io.coco4j.rego.value.BooleanValue;
import java.util.List;

/**
 * {@code print} (variadic; the evaluator formats its operands, undefined ones included, and
 * sends the line to the print sink) and {@code trace} (a note; always true).
 */
final class DebugBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("print", -1, (a, c) -> BooleanValue.TRUE),
                SimpleBuiltin.of("trace", 1, (a, c) -> {
                    Operands.string("trace", a, 0, c);
                    return BooleanValue.TRUE;
                }));
    }
}
