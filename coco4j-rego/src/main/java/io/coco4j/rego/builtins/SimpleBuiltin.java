package io.coco4j.rego.builtins;

import io.coco4j.rego.value.Value;

/** A builtin defined by a function of its evaluated operands. */
record SimpleBuiltin(String name, int arity, Impl impl, boolean isNondeterministic) implements Builtin {
    /** The implementation: operands in, result out (null for undefined). */
    @FunctionalInterface
    interface Impl {
        Value apply(Value[] args, BuiltinContext ctx);
    }

    static SimpleBuiltin of(String name, int arity, Impl impl) {
        return new SimpleBuiltin(name, arity, impl, false);
    }

    static SimpleBuiltin nondeterministic(String name, int arity, Impl impl) {
        return new SimpleBuiltin(name, arity, impl, true);
    }

    @Override
    public Value call(Value[] args, BuiltinContext ctx) {
        return impl.apply(args, ctx);
    }
}
