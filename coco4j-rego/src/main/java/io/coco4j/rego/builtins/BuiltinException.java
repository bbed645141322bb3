package io.coco4j.rego.builtins;

import io.coco4j.rego.ErrorCode;

/**
 * A builtin failed. The evaluator adds the call's location; without strict builtin errors it
 * makes the call undefined instead of failing the evaluation.
 */
public final class BuiltinException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public BuiltinException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The same error with {@code suffix} appended to its message. */
    public BuiltinException withSuffix(String suffix) {
        return new BuiltinException(code, getMessage() + suffix);
    }

    public ErrorCode code() {
        return code;
    }
}
