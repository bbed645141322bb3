package io.coco4j.rego.ast;

import io.coco4j.rego.value.Value;

/** A constant: a scalar literal, or a composite literal the compiler folded because it holds no variables. */
public final class Scalar extends Term {
    private final Value value;

    public Scalar(Location location, Value value) {
        super(location);
        this.value = value;
    }

    public Value value() {
        return value;
    }

    @Override
    public Kind kind() {
        return Kind.SCALAR;
    }

    @Override
    public String toString() {
        return value.toRegoString();
    }
}
