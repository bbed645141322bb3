package io.coco4j.rego.parse;

import io.coco4j.rego.ast.RegoVersion;

/**
 * How to parse: the default syntax version of modules (a v0 module that imports {@code rego.v1}
 * is parsed as v1), and whether {@code -x} on a non-literal is accepted as {@code 0 - x}
 * (OPA accepts it; regorus accepts unary minus on number literals only).
 */
public record ParseOptions(RegoVersion version, boolean unaryMinusOnTerms) {
    public static final ParseOptions V1 = new ParseOptions(RegoVersion.V1, true);
    public static final ParseOptions V0 = new ParseOptions(RegoVersion.V0, true);
}
