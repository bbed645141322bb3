package io.coco4j.rego;

import io.coco4j.rego.eval.TraceEvent;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** All solutions of a query; empty when the query is undefined. */
public record QueryResult(String query, List<Solution> solutions, List<TraceEvent> trace) {
    /** One solution: the query's variables and the value of each expression as written. */
    public record Solution(Map<String, Value> bindings, List<Value> expressions) {
    }

    public QueryResult {
        solutions = List.copyOf(solutions);
        trace = trace == null ? List.of() : List.copyOf(trace);
    }

    public boolean isUndefined() {
        return solutions.isEmpty();
    }

    /** The result in {@code opa eval}'s JSON shape: {@code {"result": [{"expressions": [...], "bindings": {...}}]}}. */
    public Value toOpaJson(List<String> expressionTexts) {
        List<Value> results = new ArrayList<>();
        for (Solution s : solutions) {
            List<Value> exprs = new ArrayList<>();
            for (int i = 0; i < s.expressions().size(); i++) {
                Value v = s.expressions().get(i);
                ObjectValue.Builder e = ObjectValue.builder();
                if (v != null) {
                    e.put("value", v);
                }
                e.put("text", StringValue.of(i < expressionTexts.size() ? expressionTexts.get(i) : ""));
                exprs.add(e.build());
            }
            ObjectValue.Builder r = ObjectValue.builder().put("expressions", ArrayValue.of(exprs));
            if (!s.bindings().isEmpty()) {
                ObjectValue.Builder b = ObjectValue.builder();
                s.bindings().forEach(b::put);
                r.put("bindings", b.build());
            }
            results.add(r.build());
        }
        ObjectValue.Builder top = ObjectValue.builder();
        if (!results.isEmpty()) {
            top.put("result", ArrayValue.of(results));
        }
        return top.build();
    }

    public String toJsonString() {
        return Json.writePretty(toOpaJson(List.of()));
    }
}
