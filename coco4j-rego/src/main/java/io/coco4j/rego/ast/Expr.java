package io.coco4j.rego.ast;

import java.util.List;

/** The expression part of a body literal. */
public sealed interface Expr {
    Location location();

    /** A term evaluated for truth: defined and not {@code false}. */
    record TermExpr(Location location, Term term) implements Expr {
        @Override
        public String toString() {
            return term.toString();
        }
    }

    /** {@code left = right}: unification. */
    record Unify(Location location, Term left, Term right) implements Expr {
        @Override
        public String toString() {
            return left + " = " + right;
        }
    }

    /** {@code left := right}: declares the variables of {@code left} and assigns. */
    record Assign(Location location, Term left, Term right) implements Expr {
        @Override
        public String toString() {
            return left + " := " + right;
        }
    }

    /** {@code some a, b}: declares local variables. */
    record SomeDecl(Location location, List<Var> vars) implements Expr {
        @Override
        public String toString() {
            return "some " + String.join(", ", vars.stream().map(Object::toString).toList());
        }
    }

    /** {@code some [key,] value in collection}. */
    record SomeIn(Location location, Term key, Term value, Term collection) implements Expr {
        @Override
        public String toString() {
            return "some " + (key == null ? "" : key + ", ") + value + " in " + collection;
        }
    }

    /** {@code every [key,] value in domain { body }}. */
    record Every(Location location, Term key, Term value, Term domain, Body body) implements Expr {
        @Override
        public String toString() {
            return "every " + (key == null ? "" : key + ", ") + value + " in " + domain + " { " + body + " }";
        }
    }
}
