package io.coco4j.rego.ast;

import java.util.List;

/** An object literal with at least one non-constant key or value. */
public final class ObjectTerm extends Term {
    /** One {@code key: value} pair. */
    public record Entry(Term key, Term value) {
    }

    private final List<Entry> entries;

    public ObjectTerm(Location location, List<Entry> entries) {
        super(location);
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    @Override
    public Kind kind() {
        return Kind.OBJECT;
    }

    @Override
    public String toString() {
        return "{" + String.join(", ", entries.stream().map(e -> e.key() + ": " + e.value()).toList()) + "}";
    }
}
