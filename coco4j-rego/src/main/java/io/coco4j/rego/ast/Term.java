package io.coco4j.rego.ast;

/** A Rego term: scalar, variable, reference, composite, comprehension or call. */
public abstract sealed class Term permits Scalar, Var, Ref, ArrayTerm, ObjectTerm, SetTerm, ArrayCompr, SetCompr,
        ObjectCompr, Call {

    /** Discriminator for fast dispatch in the evaluator. */
    public enum Kind { SCALAR, VAR, REF, ARRAY, OBJECT, SET, ARRAY_COMPR, SET_COMPR, OBJECT_COMPR, CALL }

    private final Location location;

    protected Term(Location location) {
        this.location = location;
    }

    public Location location() {
        return location;
    }

    public abstract Kind kind();
}
