package io.coco4j.rego.ast;

import java.util.List;

/** A conjunction of literals. */
public record Body(Location location, List<Literal> literals) {
    public Body {
        literals = List.copyOf(literals);
    }

    public boolean isEmpty() {
        return literals.isEmpty();
    }

    @Override
    public String toString() {
        return String.join("; ", literals.stream().map(Object::toString).toList());
    }
}
