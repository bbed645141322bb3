package io.coco4j.rego.builtins;

import io.coco4j.rego.Compatibility;
import java.util.Map;

/** What a builtin may use from the evaluation that calls it. */
public interface BuiltinContext {
    Compatibility compatibility();

    /** Wall-clock time of the evaluation, fixed for its whole duration (so {@code time.now_ns} is stable). */
    long nowNanos();

    /** Per-evaluation memo for builtins whose answer must be stable within one evaluation ({@code rand.intn}). */
    Map<Object, Object> evaluationCache();

    /** Charges work proportional to a result's size against the step limit (e.g. {@code numbers.range}). */
    void chargeSteps(long steps);
}
