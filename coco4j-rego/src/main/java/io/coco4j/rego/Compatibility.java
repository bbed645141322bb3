package io.coco4j.rego;

/**
 * Which reference engine to mirror where OPA and regorus (the engine the CoCo reference services
 * embed) differ: the wording of error messages, how non-integer arithmetic rounds (OPA: exact
 * decimals; regorus: IEEE doubles), a few strictness rules (regorus rejects {@code some x in 1}
 * and unary minus on non-literals), and how {@code print} writes an empty set.
 */
public enum Compatibility {
    OPA, REGORUS
}
