package io.coco4j.rego.ast;

/** {@code with target as value}: replaces {@code input}/{@code data} paths or functions while one literal runs. */
public record With(Location location, Term target, Term value) {
    @Override
    public String toString() {
        return "with " + target + " as " + value;
    }
}
