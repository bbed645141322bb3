package io.coco4j.rego;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Bounds on one evaluation, so that a runaway policy (deep recursion through rules, a huge
 * comprehension) ends with an {@link ErrorCode#EVAL_LIMIT} error instead of exhausting the stack,
 * the heap or the caller's patience.
 *
 * @param maxSteps      statements and iteration steps one evaluation may take
 * @param maxDepth      nesting of rule, function and body evaluations
 * @param timeLimit     wall-clock budget, or null for none
 * @param checkInterval steps between clock reads
 * @param clock         nanosecond clock (replaceable in tests)
 */
public record Limits(long maxSteps, int maxDepth, Duration timeLimit, int checkInterval, LongSupplier clock) {
    /** 50 million steps, depth 1000, no time limit: generous for real policies, fatal to runaway ones. */
    public static final Limits DEFAULT = new Limits(50_000_000L, 1000, null, 1024, System::nanoTime);

    public Limits {
        if (maxSteps <= 0 || maxDepth <= 0 || checkInterval <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (clock == null) {
            throw new IllegalArgumentException("clock is required");
        }
    }

    public Limits withMaxSteps(long steps) {
        return new Limits(steps, maxDepth, timeLimit, checkInterval, clock);
    }

    public Limits withMaxDepth(int depth) {
        return new Limits(maxSteps, depth, timeLimit, checkInterval, clock);
    }

    public Limits withTimeLimit(Duration limit) {
        return new Limits(maxSteps, maxDepth, limit, checkInterval, clock);
    }

    public Limits withCheckInterval(int interval) {
        return new Limits(maxSteps, maxDepth, timeLimit, interval, clock);
    }

    public Limits withClock(LongSupplier nanos) {
        return new Limits(maxSteps, maxDepth, timeLimit, checkInterval, nanos);
    }
}
