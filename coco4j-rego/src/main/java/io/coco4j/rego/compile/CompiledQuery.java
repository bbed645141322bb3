package io.coco4j.rego.compile;

import io.coco4j.rego.ast.Body;
import io.coco4j.rego.ast.Var;
import java.util.List;

/**
 * A query ready to evaluate. {@code outputs} are the query's named variables (not {@code _} and
 * not generated names) whose values form each result's bindings, in order of first appearance.
 * Statements may have been reordered: statement {@code i} of {@code body} was written as
 * expression {@code expressionIndex[i]}.
 */
public record CompiledQuery(String text, Body body, int frameSize, List<Var> outputs, int[] expressionIndex) {
    public int expressionCount() {
        return expressionIndex.length;
    }
}
