package io.coco4j.rego.builtins;

import io.coco4j.rego.value.Value;
import java.util.List;
import java.util.Objects;

/**
 * A function supplied by the application embedding the engine (e.g. a reference-value lookup).
 * Unlike builtins, a host function that throws always fails the evaluation, strict mode or not:
 * a lookup that could not be made must never count as "no value".
 */
public final class HostFunction implements Builtin {
    /** The implementation; returns null for an undefined result. */
    @FunctionalInterface
    public interface Impl {
        Value apply(List<Value> args) throws Exception;
    }

    private final String name;
    private final int arity;
    private final Impl impl;

    public HostFunction(String name, int arity, Impl impl) {
        if (arity < 0) {
            throw new IllegalArgumentException("arity must be >= 0");
        }
        this.name = Objects.requireNonNull(name);
        this.arity = arity;
        this.impl = Objects.requireNonNull(impl);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int arity() {
        return arity;
    }

    @Override
    public boolean isNondeterministic() {
        return true;
    }

    @Override
    public Value call(Value[] args, BuiltinContext ctx) {
        try {
            return impl.apply(List.of(args));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }
}
