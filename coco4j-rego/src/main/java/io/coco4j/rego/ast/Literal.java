package io.coco4j.rego.ast;

import java.util.List;

/**
 * One statement of a body: an expression, possibly negated, with optional {@code with} modifiers.
 * {@code iterates} is set by the compiler when the statement can yield more than one solution
 * (it iterates a collection); statements that cannot are evaluated directly.
 */
public record Literal(Location location, Expr expr, boolean negated, List<With> withs, boolean iterates) {
    public Literal {
        withs = List.copyOf(withs);
    }

    public Literal(Location location, Expr expr, boolean negated, List<With> withs) {
        this(location, expr, negated, withs, false);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (negated) {
            sb.append("not ");
        }
        sb.append(expr);
        for (With w : withs) {
            sb.append(' ').append(w);
        }
        return sb.toString();
    }
}
