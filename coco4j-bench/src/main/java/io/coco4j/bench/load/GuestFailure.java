package io.coco4j.bench.load;

import java.util.Objects;

/**
 * Why a simulated guest's run stopped: the step and a short kind ({@code HTTP 401 AttestationError},
 * {@code timeout}, {@code connect}, …) under which the failure is counted. Never retried, so every
 * failure the server causes shows up in the report.
 */
public final class GuestFailure extends Exception {

    private final Step step;
    private final String kind;

    public GuestFailure(Step step, String kind, Throwable cause) {
        super(step.label() + ": " + kind, cause);
        this.step = Objects.requireNonNull(step, "step");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public GuestFailure(Step step, String kind) {
        this(step, kind, null);
    }

    public Step step() {
        return step;
    }

    public String kind() {
        return kind;
    }

    /** The key errors are counted under: {@code <step>: <kind>}. */
    public String type() {
        return step.label() + ": " + kind;
    }
}
