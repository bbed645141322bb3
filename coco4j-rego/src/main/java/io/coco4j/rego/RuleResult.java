package io.coco4j.rego;

import io.coco4j.rego.eval.TraceEvent;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.Value;
import java.util.List;
import java.util.Optional;

/**
 * The value of a named rule. A policy decision should treat only {@link #isTrue()} as "allow":
 * absent, undefined and any non-boolean value deny.
 */
public record RuleResult(Outcome outcome, Value value, List<TraceEvent> trace) {
    /** Whether the policy defines the rule and whether it has a value. */
    public enum Outcome {
        /** The policy defines nothing at that path. */
        ABSENT,
        /** The rule exists but produced no value (and has no default). */
        UNDEFINED,
        /** The rule has a value. */
        DEFINED
    }

    public RuleResult {
        trace = trace == null ? List.of() : List.copyOf(trace);
    }

    public Optional<Value> valueIfDefined() {
        return Optional.ofNullable(value);
    }

    /** True only when the value is the boolean {@code true}. */
    public boolean isTrue() {
        return value == BooleanValue.TRUE;
    }
}
