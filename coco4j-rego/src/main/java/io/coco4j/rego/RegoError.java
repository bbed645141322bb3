package io.coco4j.rego;

import io.coco4j.rego.ast.Location;

/** One error with its category and, when known, where in the policy it arises. */
public record RegoError(ErrorCode code, Location location, String message) {
    /** {@code file:line:column: code: message}. */
    @Override
    public String toString() {
        return (location == null ? "" : location + ": ") + code.code() + ": " + message;
    }
}
