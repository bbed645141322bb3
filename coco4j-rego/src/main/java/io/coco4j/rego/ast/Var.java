package io.coco4j.rego.ast;

/**
 * A variable. The parser leaves {@code slot} at -1; the compiler gives every local variable a
 * slot in its frame. {@code _} is a wildcard: each occurrence is a distinct variable.
 */
public final class Var extends Term {
    public static final String WILDCARD = "_";

    private final String name;
    private final int slot;

    public Var(Location location, String name) {
        this(location, name, -1);
    }

    public Var(Location location, String name, int slot) {
        super(location);
        this.name = name;
        this.slot = slot;
    }

    public String name() {
        return name;
    }

    public int slot() {
        return slot;
    }

    public boolean isWildcard() {
        return name.equals(WILDCARD) || name.startsWith("$");
    }

    @Override
    public Kind kind() {
        return Kind.VAR;
    }

    @Override
    public String toString() {
        return name.startsWith("$") ? "_" : name;
    }
}
