package io.coco4j.rego.ast;

import java.util.List;

/** A set literal with at least one non-constant element. */
public final class SetTerm extends Term {
    private final List<Term> elements;

    public SetTerm(Location location, List<Term> elements) {
        super(location);
        this.elements = List.copyOf(elements);
    }

    public List<Term> elements() {
        return elements;
    }

    @Override
    public Kind kind() {
        return Kind.SET;
    }

    @Override
    public String toString() {
        return elements.isEmpty() ? "set()" : "{" + String.join(", ", elements.stream().map(Object::toString).toList()) + "}";
    }
}
