package io.coco4j.rego;

import io.coco4j.rego.compile.CompiledQuery;
import io.coco4j.rego.eval.EvalSettings;
import io.coco4j.rego.eval.Evaluator;
import io.coco4j.rego.eval.PrintSink;
import io.coco4j.rego.eval.TraceEvent;
import io.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One evaluation's settings: input (absent means {@code input} is undefined), base data,
 * explain tracing, print output, and optional per-evaluation overrides of the engine's limits
 * and strictness. Not thread-safe; create one per evaluation.
 */
public final class Evaluation {
    private final PreparedPolicy policy;
    private Value input;
    private Value data;
    private boolean explain;
    private PrintSink prints = PrintSink.DISCARD;
    private Limits limits;
    private Boolean strict;

    Evaluation(PreparedPolicy policy) {
        this.policy = policy;
        this.limits = policy.engine().limits();
    }

    public Evaluation input(Value input) {
        this.input = input;
        return this;
    }

    public Evaluation data(Value data) {
        this.data = data;
        return this;
    }

    /** Records which rule bodies were tried and which statement made each fail. */
    public Evaluation explain(boolean explain) {
        this.explain = explain;
        return this;
    }

    public Evaluation prints(PrintSink sink) {
        this.prints = sink == null ? PrintSink.DISCARD : sink;
        return this;
    }

    public Evaluation limits(Limits limits) {
        this.limits = limits;
        return this;
    }

    public Evaluation strictBuiltinErrors(boolean strict) {
        this.strict = strict;
        return this;
    }

    private Evaluator evaluator(List<TraceEvent> trace) {
        RegoEngine e = policy.engine();
        EvalSettings settings = new EvalSettings(strict != null ? strict : e.strictBuiltinErrors(), limits, prints, trace,
                e.compatibility());
        return new Evaluator(policy.compiled(), input, data, settings);
    }

    /** Evaluates a query and returns all its solutions. */
    public QueryResult query(String query) {
        CompiledQuery q = policy.compileQuery(query);
        List<TraceEvent> trace = explain ? new ArrayList<>() : null;
        List<Evaluator.QuerySolution> raw = evaluator(trace).query(q);
        List<QueryResult.Solution> out = new ArrayList<>(raw.size());
        for (Evaluator.QuerySolution s : raw) {
            Map<String, Value> b = new LinkedHashMap<>();
            for (int i = 0; i < q.outputs().size(); i++) {
                if (s.bindings()[i] != null) {
                    b.put(q.outputs().get(i).name(), s.bindings()[i]);
                }
            }
            out.add(new QueryResult.Solution(b, Arrays.asList(s.expressions())));
        }
        return new QueryResult(query, out, trace);
    }

    /** Evaluates the document at a reference like {@code data.policy.allow}. */
    public RuleResult rule(String ref) {
        List<String> path = DataPath.parse(ref);
        List<TraceEvent> trace = explain ? new ArrayList<>() : null;
        if (!policy.defines(path)) {
            return new RuleResult(RuleResult.Outcome.ABSENT, null, trace);
        }
        Value v = evaluator(trace).document(path);
        return new RuleResult(v == null ? RuleResult.Outcome.UNDEFINED : RuleResult.Outcome.DEFINED, v, trace);
    }
}
