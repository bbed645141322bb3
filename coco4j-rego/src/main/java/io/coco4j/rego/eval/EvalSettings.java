package io.coco4j.rego.eval;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.Limits;

/**
 * Per-evaluation switches: strict builtin errors (a failing builtin aborts instead of being
 * undefined), limits, print output, explain tracing (null for none) and the compatibility mode.
 */
public record EvalSettings(boolean strictBuiltinErrors, Limits limits, PrintSink prints, java.util.List<TraceEvent> trace,
        Compatibility compatibility) {
}
