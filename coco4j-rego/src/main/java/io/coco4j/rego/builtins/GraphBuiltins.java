package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetBuilder;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.Value;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code graph.reachable}: nodes reachable from the initial ones in a graph given as node to neighbours. */
final class GraphBuiltins implements BuiltinFamily {
    @Override
    public List<Builtin> builtins() {
        return List.of(SimpleBuiltin.of("graph.reachable", 2, GraphBuiltins::reachable));
    }

    private static List<Value> neighbours(Value v) {
        if (v instanceof ArrayValue a) {
            return a.asList();
        }
        if (v instanceof SetValue s) {
            return s.elements();
        }
        return List.of();
    }

    private static Value reachable(Value[] a, BuiltinContext c) {
        ObjectValue graph = Operands.object("graph.reachable", a, 0, c);
        List<Value> initial = Operands.arrayOrSet("graph.reachable", a, 1, c);
        Deque<Value> queue = new ArrayDeque<>(initial);
        Set<Value> seen = new HashSet<>();
        SetBuilder out = new SetBuilder();
        while (!queue.isEmpty()) {
            Value node = queue.poll();
            if (!seen.add(node)) {
                continue;
            }
            Value edges = graph.get(node);
            if (edges == null) {
                continue;
            }
            c.chargeSteps(1);
            out.add(node);
            queue.addAll(neighbours(edges));
        }
        return out.build();
    }
}
