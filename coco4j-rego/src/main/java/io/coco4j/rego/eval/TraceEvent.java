package io.coco4j.rego.eval;

import io.coco4j.rego.ast.Location;

/**
 * One step of an explained evaluation: a rule (or query) body entered, a statement that failed,
 * a body that succeeded, or a rule's resulting value.
 */
public record TraceEvent(Kind kind, int depth, Location location, String text) {
    /** What happened. */
    public enum Kind {
        /** A rule body, function body or query started. */
        ENTER,
        /** A statement produced no (further) solution, so the body it belongs to failed here. */
        FAIL,
        /** A body reached its end: every statement held. */
        EXIT,
        /** A rule or function produced its value (text holds the value). */
        VALUE,
        /** A rule or function was undefined. */
        UNDEFINED
    }

    @Override
    public String toString() {
        String pad = "| ".repeat(Math.max(0, depth));
        String where = location == null ? "" : location + " ";
        switch (kind) {
            case ENTER:
                return pad + "Enter " + text;
            case FAIL:
                return pad + "Fail " + where + text;
            case EXIT:
                return pad + "Exit " + text;
            case VALUE:
                return pad + "Value " + text;
            default:
                return pad + "Undefined " + text;
        }
    }
}
