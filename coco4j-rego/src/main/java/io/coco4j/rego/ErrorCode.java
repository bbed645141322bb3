package io.coco4j.rego;

/** Error categories, named as OPA names them so tooling that knows OPA's codes recognises them. */
public enum ErrorCode {
    /** The policy or query text is not valid Rego. */
    PARSE("rego_parse_error"),
    /** The policy parsed but is not a valid program (unknown function, conflicting rules, ...). */
    COMPILE("rego_compile_error"),
    /** A variable could not be bound by any statement. */
    UNSAFE_VAR("rego_unsafe_var_error"),
    /** A rule depends on itself. */
    RECURSION("rego_recursion_error"),
    /** Statically known type mismatch or wrong number of arguments. */
    TYPE("rego_type_error"),
    /** A rule or function produced more than one value. */
    EVAL_CONFLICT("eval_conflict_error"),
    /** A builtin received an operand of the wrong type. */
    EVAL_TYPE("eval_type_error"),
    /** A builtin failed on a well-typed operand (bad regex, divide by zero, ...). */
    EVAL_BUILTIN("eval_builtin_error"),
    /** A host-defined function failed. */
    EVAL_HOST("eval_host_function_error"),
    /** An evaluation limit (steps, depth, time) was exceeded. */
    EVAL_LIMIT("eval_cancel_error"),
    /** The query or input is unusable (e.g. the input is not JSON). */
    INVALID_ARGUMENT("invalid_argument_error");

    private final String code;

    ErrorCode(String code) {
        this.code = code;
    }

    /** The OPA-style code, e.g. {@code eval_type_error}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
