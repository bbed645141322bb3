package io.coco4j.rego.builtins;

import io.coco4j.rego.ast.CallTarget;
import io.coco4j.rego.value.Value;

/**
 * A built-in function. {@link #call} returns the result, or null when the result is undefined;
 * it throws {@link BuiltinException} for a type error or a failure.
 */
public interface Builtin extends CallTarget {
    /** The name policies call it by, e.g. {@code object.get}. */
    String name();

    /** Number of parameters, or -1 for a variadic builtin such as {@code print}. */
    @Override
    int arity();

    Value call(Value[] args, BuiltinContext ctx);

    /**
     * True for relations such as {@code walk}: {@link #call} returns an array of results and a
     * call with an output argument yields one solution per result.
     */
    default boolean isRelation() {
        return false;
    }

    /** True for builtins whose result may change between calls with the same arguments (time, randomness). */
    default boolean isNondeterministic() {
        return false;
    }
}
