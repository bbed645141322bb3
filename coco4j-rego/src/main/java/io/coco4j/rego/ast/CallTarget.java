package io.coco4j.rego.ast;

/** What a compiled call invokes (a builtin, a host function or a user function); implemented by the evaluator. */
public interface CallTarget {
    /** Number of declared parameters; a call with one more argument binds that argument to the result. */
    int arity();
}
