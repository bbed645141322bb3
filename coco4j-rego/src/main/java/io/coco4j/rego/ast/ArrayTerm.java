package io.coco4j.rego.ast;

import java.util.List;

/** An array literal with at least one non-constant element. */
public final class ArrayTerm extends Term {
    private final List<Term> elements;

    public ArrayTerm(Location location, List<Term> elements) {
        super(location);
        this.elements = List.copyOf(elements);
    }

    public List<Term> elements() {
        return elements;
    }

    @Override
    public Kind kind() {
        return Kind.ARRAY;
    }

    @Override
    public String toString() {
        return "[" + String.join(", ", elements.stream().map(Object::toString).toList()) + "]";
    }
}
