package io.coco4j.rego.ast;

import java.util.List;

/**
 * A rule as written. {@code ref} is the head reference (its first element the rule name as a
 * string scalar, then the operands); {@code args} is non-null for functions; {@code key} is
 * the element of a partial set ({@code contains}); {@code value} is null when the head gives
 * none (the value is then {@code true}). {@code elseRule} continues an else chain.
 */
public record Rule(Location location, Kind kind, List<Term> ref, List<Term> args, Term key, Term value,
        boolean isDefault, Body body, Rule elseRule, String text) {

    /** The kinds of rule. */
    public enum Kind {
        /** One value at a (possibly multi-segment) path, e.g. {@code p := 1}, {@code a.b.c if ...}. */
        COMPLETE,
        /** {@code p contains x}, or v0's {@code p[x] { ... }}. */
        PARTIAL_SET,
        /** A value under a path with variable keys, e.g. {@code p[k] := v}, {@code p.q[a][b] := v}. */
        PARTIAL_OBJECT,
        /** {@code f(x) := v}. */
        FUNCTION
    }

    public Rule {
        ref = List.copyOf(ref);
        args = args == null ? null : List.copyOf(args);
    }

    /** The rule name: the first segment of the head. */
    public String name() {
        return ((io.coco4j.rego.value.StringValue) ((Scalar) ref.get(0)).value()).value();
    }

    @Override
    public String toString() {
        return text;
    }
}
