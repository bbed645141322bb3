package io.coco4j.rego.eval;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.RegoException;
import io.coco4j.rego.ast.ArrayCompr;
import io.coco4j.rego.ast.ArrayTerm;
import io.coco4j.rego.ast.Call;
import io.coco4j.rego.ast.CallTarget;
import io.coco4j.rego.ast.Expr;
import io.coco4j.rego.ast.Literal;
import io.coco4j.rego.ast.Location;
import io.coco4j.rego.ast.ObjectCompr;
import io.coco4j.rego.ast.ObjectTerm;
import io.coco4j.rego.ast.Ref;
import io.coco4j.rego.ast.Scalar;
import io.coco4j.rego.ast.SetCompr;
import io.coco4j.rego.ast.SetTerm;
import io.coco4j.rego.ast.Term;
import io.coco4j.rego.ast.Var;
import io.coco4j.rego.ast.With;
import io.coco4j.rego.builtins.Builtin;
import io.coco4j.rego.builtins.BuiltinContext;
import io.coco4j.rego.builtins.BuiltinException;
import io.coco4j.rego.builtins.HostFunction;
import io.coco4j.rego.compile.CompiledPolicy;
import io.coco4j.rego.compile.CompiledQuery;
import io.coco4j.rego.compile.CompiledRule;
import io.coco4j.rego.compile.DocNode;
import io.coco4j.rego.compile.RuleSet;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.RegoText;
import io.coco4j.rego.value.SetBuilder;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates queries and documents of a {@link CompiledPolicy} for one input and data document.
 * One instance serves one evaluation on one thread.
 *
 * <p>Evaluation is a depth-first search. Statements that cannot iterate are evaluated directly;
 * statements that iterate pass a continuation that runs the rest of the body once per solution.
 * A continuation returns false to stop the search early (enough has been found). Variables
 * live in per-rule frames; every binding is recorded on a trail and undone on backtracking.
 */
public final class Evaluator implements BuiltinContext {
    /** Continues the search with the current bindings; false stops it. */
    @FunctionalInterface
    interface Cont {
        boolean run();
    }

    /** Continues the search with one value of a term; false stops it. */
    @FunctionalInterface
    interface VCont {
        boolean accept(Value v);
    }

    /** One solution of a query: bound output variables and the value of each written expression. */
    public record QuerySolution(Value[] bindings, Value[] expressions) {
    }

    private static final Value UNDEFINED = StringValue.of("\u0000undefined");

    private final CompiledPolicy policy;
    private final EvalSettings settings;
    private final Messages messages;
    private final Value data;
    private final boolean strict;
    private final List<TraceEvent> trace;

    // Context that `with` replaces.
    private Value input;
    private List<DataOverride> overrides;
    private Map<CallTarget, Object> mocks;
    private Value[] ruleCache;
    private Value[] nodeCache;

    private final boolean[] inProgress;
    private long steps;
    private long nextClockCheck;
    private final long deadline;
    private final long maxSteps;
    private final int maxDepth;
    private int depth;
    private int traceDepth;

    private Value[][] trailFrames = new Value[64][];
    private int[] trailSlots = new int[64];
    private int trailSize;

    private Value lastExprValue;
    private long now = -1;
    private Map<Object, Object> evaluationCache;

    /** A {@code with data.x as v} replacement. */
    private record DataOverride(List<Value> path, Value value) {
    }

    public Evaluator(CompiledPolicy policy, Value input, Value data, EvalSettings settings) {
        this.policy = policy;
        this.settings = settings;
        this.messages = new Messages(settings.compatibility());
        this.input = input;
        this.data = data == null ? ObjectValue.EMPTY : data;
        this.strict = settings.strictBuiltinErrors();
        this.trace = settings.trace();
        int rules = policy.ruleSets().size();
        this.ruleCache = new Value[rules];
        this.nodeCache = new Value[policy.nodeCount()];
        this.inProgress = new boolean[rules];
        this.maxSteps = settings.limits().maxSteps();
        this.maxDepth = settings.limits().maxDepth();
        if (settings.limits().timeLimit() != null) {
            long start = settings.limits().clock().getAsLong();
            this.deadline = start + settings.limits().timeLimit().toNanos();
        } else {
            this.deadline = Long.MAX_VALUE;
        }
        this.nextClockCheck = settings.limits().checkInterval();
    }

    // ================================================================ entry points

    /** All solutions of a query. */
    public List<QuerySolution> query(CompiledQuery q) {
        List<QuerySolution> out = new ArrayList<>();
        Value[] frame = new Value[q.frameSize()];
        List<Literal> lits = q.body().literals();
        Value[] exprs = new Value[q.expressionCount()];
        guard(() -> {
            if (trace != null) {
                traceEnter("query " + q.text(), q.body().location());
            }
            querySteps(lits, 0, frame, q, exprs, out);
            return null;
        });
        return out;
    }

    private boolean querySteps(List<Literal> lits, int i, Value[] f, CompiledQuery q, Value[] exprs, List<QuerySolution> out) {
        if (i == lits.size()) {
            Value[] b = new Value[q.outputs().size()];
            for (int j = 0; j < b.length; j++) {
                b[j] = f[q.outputs().get(j).slot()];
            }
            out.add(new QuerySolution(b, exprs.clone()));
            return true;
        }
        int mark = trailSize;
        try {
            Literal lit = lits.get(i);
            step();
            Cont next = () -> {
                exprs[q.expressionIndex()[i]] = lastExprValue;
                return querySteps(lits, i + 1, f, q, exprs, out);
            };
            if (lit.expr() instanceof Expr.TermExpr t && !lit.negated() && lits.size() == 1 && !lit.iterates()) {
                // A lone, non-iterating query expression reports its value, `false` included (as OPA and
                // regorus do); in longer queries `false` fails like anywhere else.
                Object saved = lit.withs().isEmpty() ? null : applyWiths(lit.withs(), f);
                if (!lit.withs().isEmpty() && saved == null) {
                    return true;
                }
                try {
                    return evalTerm(t.term(), f, v -> {
                        lastExprValue = v;
                        if (saved == null) {
                            return next.run();
                        }
                        Object inner = swapOut(saved);
                        try {
                            return next.run();
                        } finally {
                            swapIn(inner);
                        }
                    });
                } finally {
                    if (saved != null) {
                        restore(saved);
                    }
                }
            }
            return evalLiteral(lit, f, next);
        } finally {
            undo(mark);
        }
    }

    /** The value of the document at {@code path} below {@code data}, or null when undefined. */
    public Value document(List<String> path) {
        List<Term> ops = new ArrayList<>(path.size());
        for (String p : path) {
            ops.add(new Scalar(null, StringValue.of(p)));
        }
        Ref ref = new Ref(null, null, ops, Ref.Root.DATA);
        return guard(() -> evalDataDirect(ref, new Value[0]));
    }

    private <T> T guard(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (StackOverflowError e) {
            throw new RegoException(ErrorCode.EVAL_LIMIT, null, messages.depthLimit(maxDepth) + " (stack exhausted)");
        }
    }

    // ================================================================ limits, trail, tracing

    private void step() {
        if (++steps > maxSteps) {
            throw new RegoException(ErrorCode.EVAL_LIMIT, null, messages.stepLimit(maxSteps));
        }
        if (steps >= nextClockCheck) {
            nextClockCheck = steps + settings.limits().checkInterval();
            if (deadline != Long.MAX_VALUE && settings.limits().clock().getAsLong() > deadline) {
                throw new RegoException(ErrorCode.EVAL_LIMIT, null, messages.timeLimit(settings.limits().timeLimit().toMillis()));
            }
        }
    }

    @Override
    public void chargeSteps(long n) {
        steps += n;
        step();
    }

    private void enterDepth() {
        if (++depth > maxDepth) {
            depth = 0;
            throw new RegoException(ErrorCode.EVAL_LIMIT, null, messages.depthLimit(maxDepth));
        }
    }

    private void bind(Value[] f, int slot, Value v) {
        f[slot] = v;
        if (trailSize == trailSlots.length) {
            trailSlots = java.util.Arrays.copyOf(trailSlots, trailSize * 2);
            trailFrames = java.util.Arrays.copyOf(trailFrames, trailSize * 2);
        }
        trailFrames[trailSize] = f;
        trailSlots[trailSize++] = slot;
    }

    private void undo(int mark) {
        while (trailSize > mark) {
            trailSize--;
            trailFrames[trailSize][trailSlots[trailSize]] = null;
            trailFrames[trailSize] = null;
        }
    }

    private void traceEnter(String what, Location loc) {
        if (trace != null) {
            trace.add(new TraceEvent(TraceEvent.Kind.ENTER, traceDepth, loc, what));
        }
    }

    /** Records a failed statement with the values that made it fail: its bound variables and, for a test, its value. */
    private void traceFail(Literal lit, Value[] f, boolean direct) {
        if (trace == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(lit.toString());
        java.util.Map<String, Value> vars = new java.util.LinkedHashMap<>();
        collectBound(lit, f, vars);
        List<String> parts = new ArrayList<>();
        vars.forEach((name, v) -> parts.add(name + " = " + shorten(RegoText.of(v))));
        if (direct && !lit.negated() && lit.expr() instanceof Expr.TermExpr) {
            parts.add(lastExprValue == null ? "undefined" : "value " + shorten(RegoText.of(lastExprValue)));
        } else if (direct && lit.negated()) {
            parts.add("the negated expression holds");
        }
        if (!parts.isEmpty()) {
            sb.append("  (").append(String.join(", ", parts)).append(')');
        }
        trace.add(new TraceEvent(TraceEvent.Kind.FAIL, traceDepth, lit.location(), sb.toString()));
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static void collectBound(Literal lit, Value[] f, java.util.Map<String, Value> out) {
        Expr e = lit.expr();
        List<Term> terms = new ArrayList<>();
        if (e instanceof Expr.TermExpr t) {
            terms.add(t.term());
        } else if (e instanceof Expr.Unify u) {
            terms.add(u.left());
            terms.add(u.right());
        } else if (e instanceof Expr.Assign a) {
            terms.add(a.right());
        } else if (e instanceof Expr.SomeIn si) {
            terms.add(si.collection());
        } else if (e instanceof Expr.Every ev) {
            terms.add(ev.domain());
        }
        for (Term t : terms) {
            collectBound(t, f, out);
        }
    }

    private static void collectBound(Term t, Value[] f, java.util.Map<String, Value> out) {
        switch (t.kind()) {
            case VAR: {
                Var v = (Var) t;
                if (!v.isWildcard() && v.slot() >= 0 && v.slot() < f.length && f[v.slot()] != null) {
                    out.putIfAbsent(v.name(), f[v.slot()]);
                }
                break;
            }
            case REF: {
                Ref r = (Ref) t;
                if (r.root() == Ref.Root.TERM) {
                    collectBound(r.head(), f, out);
                }
                r.operands().forEach(o -> collectBound(o, f, out));
                break;
            }
            case CALL:
                ((Call) t).args().forEach(a -> collectBound(a, f, out));
                break;
            case ARRAY:
                ((ArrayTerm) t).elements().forEach(x -> collectBound(x, f, out));
                break;
            case SET:
                ((SetTerm) t).elements().forEach(x -> collectBound(x, f, out));
                break;
            case OBJECT:
                for (ObjectTerm.Entry en : ((ObjectTerm) t).entries()) {
                    collectBound(en.key(), f, out);
                    collectBound(en.value(), f, out);
                }
                break;
            default:
                break;
        }
    }

    private void traceEvent(TraceEvent.Kind kind, Location loc, String text) {
        if (trace != null) {
            trace.add(new TraceEvent(kind, traceDepth, loc, text));
        }
    }

    // ================================================================ bodies and statements

    private boolean evalBody(List<Literal> lits, int i, Value[] f, Cont k) {
        int mark = trailSize;
        enterDepth();
        try {
            int n = lits.size();
            for (; i < n; i++) {
                Literal lit = lits.get(i);
                step();
                if (lit.iterates()) {
                    int next = i + 1;
                    if (trace == null) {
                        return evalLiteral(lit, f, () -> evalBody(lits, next, f, k));
                    }
                    boolean[] produced = new boolean[1];
                    boolean r = evalLiteral(lit, f, () -> {
                        produced[0] = true;
                        return evalBody(lits, next, f, k);
                    });
                    if (!produced[0]) {
                        traceFail(lit, f, false);
                    }
                    return r;
                }
                if (!evalDirect(lit, f)) {
                    traceFail(lit, f, true);
                    return true;
                }
            }
            return k.run();
        } finally {
            depth--;
            undo(mark);
        }
    }

    /** Evaluates a statement that yields at most one solution; bindings stay on the trail. */
    private boolean evalDirect(Literal lit, Value[] f) {
        if (!lit.withs().isEmpty()) {
            Object saved = applyWiths(lit.withs(), f);
            if (saved == null) {
                return false;
            }
            try {
                return evalDirectExpr(lit, f);
            } finally {
                restore(saved);
            }
        }
        return evalDirectExpr(lit, f);
    }

    private boolean evalDirectExpr(Literal lit, Value[] f) {
        if (lit.negated()) {
            int mark = trailSize;
            boolean holds = holdsDirect(lit.expr(), f);
            undo(mark);
            lastExprValue = BooleanValue.TRUE;
            return !holds;
        }
        return holdsDirect(lit.expr(), f);
    }

    private boolean holdsDirect(Expr e, Value[] f) {
        if (e instanceof Expr.TermExpr t) {
            Value v = eval(t.term(), f);
            lastExprValue = v;
            return v != null && v != BooleanValue.FALSE;
        }
        lastExprValue = BooleanValue.TRUE;
        if (e instanceof Expr.Unify u) {
            return unifyDirect(u.left(), u.right(), f);
        }
        if (e instanceof Expr.Assign a) {
            Value v = eval(a.right(), f);
            return v != null && match(a.left(), v, f);
        }
        if (e instanceof Expr.SomeDecl) {
            return true;
        }
        if (e instanceof Expr.Every ev) {
            return every(ev, f);
        }
        // `some x in xs` always iterates; evaluate it through the general path.
        boolean[] found = new boolean[1];
        evalExpr(e, f, () -> {
            found[0] = true;
            return false;
        });
        return found[0];
    }

    /** Evaluates a statement, calling {@code k} once per solution. */
    private boolean evalLiteral(Literal lit, Value[] f, Cont k) {
        if (!lit.iterates()) {
            int mark = trailSize;
            try {
                return !evalDirect(lit, f) || k.run();
            } finally {
                undo(mark);
            }
        }
        if (!lit.withs().isEmpty()) {
            Object saved = applyWiths(lit.withs(), f);
            if (saved == null) {
                return true;
            }
            try {
                return evalExprLiteral(lit, f, () -> {
                    Object inner = swapOut(saved);
                    try {
                        return k.run();
                    } finally {
                        swapIn(inner);
                    }
                });
            } finally {
                restore(saved);
            }
        }
        return evalExprLiteral(lit, f, k);
    }

    private boolean evalExprLiteral(Literal lit, Value[] f, Cont k) {
        if (lit.negated()) {
            boolean[] found = new boolean[1];
            int mark = trailSize;
            evalExpr(lit.expr(), f, () -> {
                found[0] = true;
                return false;
            });
            undo(mark);
            lastExprValue = BooleanValue.TRUE;
            return found[0] || k.run();
        }
        return evalExpr(lit.expr(), f, k);
    }

    private boolean evalExpr(Expr e, Value[] f, Cont k) {
        if (e instanceof Expr.TermExpr t) {
            return evalTerm(t.term(), f, v -> {
                if (v == BooleanValue.FALSE) {
                    return true;
                }
                lastExprValue = v;
                return k.run();
            });
        }
        lastExprValue = BooleanValue.TRUE;
        if (e instanceof Expr.Unify u) {
            return unify(u.left(), u.right(), f, k);
        }
        if (e instanceof Expr.Assign a) {
            return evalTerm(a.right(), f, v -> matchCps(a.left(), v, f, k));
        }
        if (e instanceof Expr.SomeIn si) {
            return evalTerm(si.collection(), f, coll -> someIn(si, coll, f, k));
        }
        if (e instanceof Expr.SomeDecl) {
            return k.run();
        }
        if (e instanceof Expr.Every ev) {
            return !every(ev, f) || k.run();
        }
        throw new IllegalStateException(e.toString());
    }

    private boolean someIn(Expr.SomeIn si, Value coll, Value[] f, Cont k) {
        int patternSize = si.value() instanceof ArrayTerm at ? at.elements().size()
                : si.value() instanceof Scalar sc && sc.value() instanceof ArrayValue av ? av.size() : -1;
        if (strict && settings.compatibility() == Compatibility.REGORUS && patternSize >= 0
                && coll.type() != io.coco4j.rego.value.ValueType.OBJECT) {
            // regorus: when no element matched and some array element had the wrong length, that is an error.
            boolean[] produced = new boolean[1];
            boolean r = someInLoop(si, coll, f, () -> {
                produced[0] = true;
                return k.run();
            });
            if (!produced[0]) {
                int want = patternSize;
                for (Value e : coll instanceof ArrayValue a ? a.asList() : coll instanceof SetValue sv ? sv.elements() : List.<Value>of()) {
                    if (e instanceof ArrayValue ea && ea.size() != want) {
                        throw new RegoException(ErrorCode.EVAL_TYPE, si.location(), "mismatch in number of array elements");
                    }
                }
            }
            return r;
        }
        return someInLoop(si, coll, f, k);
    }

    private boolean someInLoop(Expr.SomeIn si, Value coll, Value[] f, Cont k) {
        Term kt = si.key();
        Term vt = si.value();
        switch (coll.type()) {
            case ARRAY: {
                ArrayValue a = (ArrayValue) coll;
                for (int i = 0; i < a.size(); i++) {
                    step();
                    if (!matchPair(kt, NumberValue.of(i), vt, a.get(i), f, k)) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT: {
                ObjectValue o = (ObjectValue) coll;
                for (int i = 0; i < o.size(); i++) {
                    step();
                    if (!matchPair(kt, o.keyAt(i), vt, o.valueAt(i), f, k)) {
                        return false;
                    }
                }
                return true;
            }
            case SET: {
                SetValue s = (SetValue) coll;
                for (int i = 0; i < s.size(); i++) {
                    step();
                    if (!matchPair(kt, s.get(i), vt, s.get(i), f, k)) {
                        return false;
                    }
                }
                return true;
            }
            default:
                if (strict && settings.compatibility() == Compatibility.REGORUS) {
                    throw new RegoException(ErrorCode.EVAL_TYPE, si.location(), messages.someInNotCollection());
                }
                return true;
        }
    }

    private boolean matchPair(Term kt, Value key, Term vt, Value val, Value[] f, Cont k) {
        if (kt == null) {
            return matchCps(vt, val, f, k);
        }
        return matchCps(kt, key, f, () -> matchCps(vt, val, f, k));
    }

    private boolean every(Expr.Every ev, Value[] f) {
        Value dom = eval(ev.domain(), f);
        if (dom == null) {
            return false;
        }
        List<Literal> body = ev.body().literals();
        int keySlot = ev.key() == null ? -1 : ((Var) ev.key()).slot();
        int valSlot = ((Var) ev.value()).slot();
        switch (dom.type()) {
            case ARRAY: {
                ArrayValue a = (ArrayValue) dom;
                for (int i = 0; i < a.size(); i++) {
                    if (!everyElement(body, keySlot, NumberValue.of(i), valSlot, a.get(i), f)) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT: {
                ObjectValue o = (ObjectValue) dom;
                for (int i = 0; i < o.size(); i++) {
                    if (!everyElement(body, keySlot, o.keyAt(i), valSlot, o.valueAt(i), f)) {
                        return false;
                    }
                }
                return true;
            }
            case SET: {
                SetValue s = (SetValue) dom;
                for (int i = 0; i < s.size(); i++) {
                    if (!everyElement(body, keySlot, s.get(i), valSlot, s.get(i), f)) {
                        return false;
                    }
                }
                return true;
            }
            default:
                // OPA: a defined domain that is not a collection has no elements, so `every` holds.
                return settings.compatibility() == Compatibility.OPA;
        }
    }

    private boolean everyElement(List<Literal> body, int keySlot, Value key, int valSlot, Value val, Value[] f) {
        step();
        int mark = trailSize;
        try {
            if (keySlot >= 0) {
                bind(f, keySlot, key);
            }
            bind(f, valSlot, val);
            boolean[] found = new boolean[1];
            evalBody(body, 0, f, () -> {
                found[0] = true;
                return false;
            });
            return found[0];
        } finally {
            undo(mark);
        }
    }

    // ================================================================ with

    /** Saved evaluation context (what a `with` replaces). */
    private record Saved(Value input, List<DataOverride> overrides, Map<CallTarget, Object> mocks, Value[] ruleCache,
            Value[] nodeCache) {
    }

    private Saved current() {
        return new Saved(input, overrides, mocks, ruleCache, nodeCache);
    }

    private void swapIn(Object o) {
        Saved s = (Saved) o;
        input = s.input();
        overrides = s.overrides();
        mocks = s.mocks();
        ruleCache = s.ruleCache();
        nodeCache = s.nodeCache();
    }

    /** Restores the outer context for the rest of the body; returns the inner one to reinstate. */
    private Object swapOut(Object outer) {
        Saved inner = current();
        swapIn(outer);
        return inner;
    }

    private void restore(Object saved) {
        swapIn(saved);
    }

    /** Applies {@code with} modifiers; returns the context to restore, or null when a value is undefined. */
    private Object applyWiths(List<With> withs, Value[] f) {
        Object[] values = new Object[withs.size()];
        for (int i = 0; i < withs.size(); i++) {
            With w = withs.get(i);
            if (w.target() instanceof Call && w.value() instanceof Call c && Call.FUNCTION_REF.equals(c.infix())) {
                values[i] = c.target();
            } else {
                Value v = eval(w.value(), f);
                if (v == null) {
                    return null;
                }
                values[i] = v;
            }
        }
        Saved saved = current();
        Value newInput = input;
        List<DataOverride> newOverrides = overrides == null ? null : new ArrayList<>(overrides);
        Map<CallTarget, Object> newMocks = mocks == null ? null : new IdentityHashMap<>(mocks);
        for (int i = 0; i < withs.size(); i++) {
            With w = withs.get(i);
            if (w.target() instanceof Call c) {
                if (newMocks == null) {
                    newMocks = new IdentityHashMap<>();
                }
                newMocks.put(c.target(), values[i]);
                continue;
            }
            Ref r = (Ref) w.target();
            List<Value> path = new ArrayList<>();
            for (Term o : r.operands()) {
                path.add(((Scalar) o).value());
            }
            Value v = (Value) values[i];
            if (r.root() == Ref.Root.INPUT) {
                newInput = upsert(newInput, path, 0, v);
            } else {
                if (newOverrides == null) {
                    newOverrides = new ArrayList<>();
                }
                newOverrides.removeIf(o -> startsWith(o.path(), path));
                newOverrides.add(new DataOverride(path, v));
            }
        }
        input = newInput;
        overrides = newOverrides;
        mocks = newMocks;
        ruleCache = new Value[ruleCache.length];
        nodeCache = new Value[nodeCache.length];
        return saved;
    }

    private static boolean startsWith(List<Value> path, List<Value> prefix) {
        if (path.size() < prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!path.get(i).equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Value upsert(Value base, List<Value> path, int i, Value v) {
        if (i == path.size()) {
            return v;
        }
        ObjectValue obj = base instanceof ObjectValue o ? o : ObjectValue.EMPTY;
        Value child = obj.get(path.get(i));
        return obj.with(path.get(i), upsert(child, path, i + 1, v));
    }

    // ================================================================ unification

    private static boolean hasUnboundPatternVar(Term t, Value[] f) {
        switch (t.kind()) {
            case VAR:
                return f[((Var) t).slot()] == null;
            case ARRAY:
                for (Term e : ((ArrayTerm) t).elements()) {
                    if (hasUnboundPatternVar(e, f)) {
                        return true;
                    }
                }
                return false;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    if (hasUnboundPatternVar(e.value(), f)) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    private boolean unifyDirect(Term a, Term b, Value[] f) {
        if (hasUnboundPatternVar(a, f)) {
            if (hasUnboundPatternVar(b, f)) {
                return unifyPatterns(a, b, f);
            }
            Value vb = eval(b, f);
            return vb != null && match(a, vb, f);
        }
        Value va = eval(a, f);
        if (va == null) {
            return false;
        }
        if (hasUnboundPatternVar(b, f)) {
            return match(b, va, f);
        }
        Value vb = eval(b, f);
        return vb != null && va.equals(vb);
    }

    /** Unifies two patterns that both hold unbound variables (e.g. {@code [x, 1] = [2, y]}). */
    private boolean unifyPatterns(Term a, Term b, Value[] f) {
        if (a instanceof ArrayTerm x && b instanceof ArrayTerm y) {
            if (x.elements().size() != y.elements().size()) {
                return false;
            }
            List<int[]> deferred = new ArrayList<>();
            for (int i = 0; i < x.elements().size(); i++) {
                Term p = x.elements().get(i);
                Term q = y.elements().get(i);
                if (hasUnboundPatternVar(p, f) && hasUnboundPatternVar(q, f)) {
                    deferred.add(new int[] {i});
                    continue;
                }
                if (!unifyDirect(p, q, f)) {
                    return false;
                }
            }
            for (int[] d : deferred) {
                Term p = x.elements().get(d[0]);
                Term q = y.elements().get(d[0]);
                if (hasUnboundPatternVar(p, f) && hasUnboundPatternVar(q, f)) {
                    throw new RegoException(ErrorCode.UNSAFE_VAR, p.location(), "cannot unify " + p + " with " + q
                            + ": both sides hold unbound variables");
                }
                if (!unifyDirect(p, q, f)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof ObjectTerm x && b instanceof ObjectTerm y) {
            if (x.entries().size() != y.entries().size()) {
                return false;
            }
            Map<Value, Term> right = new HashMap<>();
            for (ObjectTerm.Entry e : y.entries()) {
                Value k = eval(e.key(), f);
                if (k == null) {
                    return false;
                }
                right.put(k, e.value());
            }
            for (ObjectTerm.Entry e : x.entries()) {
                Value k = eval(e.key(), f);
                Term q = k == null ? null : right.get(k);
                if (q == null || !unifyDirect(e.value(), q, f)) {
                    return false;
                }
            }
            return true;
        }
        throw new RegoException(ErrorCode.UNSAFE_VAR, a.location(), "cannot unify " + a + " with " + b
                + ": both sides hold unbound variables");
    }

    /** Matches a pattern against a value, binding its unbound variables. */
    private boolean match(Term p, Value v, Value[] f) {
        switch (p.kind()) {
            case VAR: {
                int slot = ((Var) p).slot();
                Value cur = f[slot];
                if (cur == null) {
                    bind(f, slot, v);
                    return true;
                }
                return cur.equals(v);
            }
            case SCALAR:
                return ((Scalar) p).value().equals(v);
            case ARRAY: {
                if (!(v instanceof ArrayValue a)) {
                    return false;
                }
                List<Term> es = ((ArrayTerm) p).elements();
                if (es.size() != a.size()) {
                    return false;
                }
                for (int i = 0; i < es.size(); i++) {
                    if (!match(es.get(i), a.get(i), f)) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT: {
                if (!(v instanceof ObjectValue o)) {
                    return false;
                }
                List<ObjectTerm.Entry> es = ((ObjectTerm) p).entries();
                if (es.size() != o.size()) {
                    return false;
                }
                for (ObjectTerm.Entry e : es) {
                    Value k = eval(e.key(), f);
                    Value ov = k == null ? null : o.get(k);
                    if (ov == null || !match(e.value(), ov, f)) {
                        return false;
                    }
                }
                return true;
            }
            default: {
                Value pv = eval(p, f);
                return pv != null && pv.equals(v);
            }
        }
    }

    private boolean unify(Term a, Term b, Value[] f, Cont k) {
        if (hasUnboundPatternVar(a, f)) {
            if (hasUnboundPatternVar(b, f)) {
                int mark = trailSize;
                try {
                    return !unifyPatterns(a, b, f) || k.run();
                } finally {
                    undo(mark);
                }
            }
            return evalTerm(b, f, vb -> matchCps(a, vb, f, k));
        }
        if (hasUnboundPatternVar(b, f)) {
            return evalTerm(a, f, va -> matchCps(b, va, f, k));
        }
        return evalTerm(a, f, va -> evalTerm(b, f, vb -> !va.equals(vb) || k.run()));
    }

    /** As {@link #match}, for patterns whose parts may iterate. */
    private boolean matchCps(Term p, Value v, Value[] f, Cont k) {
        switch (p.kind()) {
            case VAR: {
                int slot = ((Var) p).slot();
                Value cur = f[slot];
                if (cur != null) {
                    return !cur.equals(v) || k.run();
                }
                int mark = trailSize;
                bind(f, slot, v);
                try {
                    return k.run();
                } finally {
                    undo(mark);
                }
            }
            case SCALAR:
                return !((Scalar) p).value().equals(v) || k.run();
            case ARRAY: {
                if (!(v instanceof ArrayValue a) || a.size() != ((ArrayTerm) p).elements().size()) {
                    return true;
                }
                return matchElems(((ArrayTerm) p).elements(), a, 0, f, k);
            }
            case OBJECT: {
                int mark = trailSize;
                try {
                    return !match(p, v, f) || k.run();
                } finally {
                    undo(mark);
                }
            }
            default:
                return evalTerm(p, f, pv -> !pv.equals(v) || k.run());
        }
    }

    private boolean matchElems(List<Term> es, ArrayValue a, int i, Value[] f, Cont k) {
        if (i == es.size()) {
            return k.run();
        }
        return matchCps(es.get(i), a.get(i), f, () -> matchElems(es, a, i + 1, f, k));
    }

    // ================================================================ direct term evaluation

    /** The value of a term that cannot iterate, or null when undefined. */
    Value eval(Term t, Value[] f) {
        switch (t.kind()) {
            case SCALAR:
                return ((Scalar) t).value();
            case VAR: {
                Value v = f[((Var) t).slot()];
                if (v == null) {
                    throw new RegoException(ErrorCode.UNSAFE_VAR, t.location(), "var " + t + " is unbound");
                }
                return v;
            }
            case REF:
                return evalRefDirect((Ref) t, f);
            case ARRAY: {
                List<Term> es = ((ArrayTerm) t).elements();
                Value[] out = new Value[es.size()];
                for (int i = 0; i < out.length; i++) {
                    Value v = eval(es.get(i), f);
                    if (v == null) {
                        return null;
                    }
                    out[i] = v;
                }
                return ArrayValue.wrap(out);
            }
            case SET: {
                SetBuilder b = new SetBuilder();
                for (Term e : ((SetTerm) t).elements()) {
                    Value v = eval(e, f);
                    if (v == null) {
                        return null;
                    }
                    b.add(v);
                }
                return b.build();
            }
            case OBJECT: {
                ObjectValue.Builder b = ObjectValue.builder();
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    Value k = eval(e.key(), f);
                    if (k == null) {
                        return null;
                    }
                    Value v = eval(e.value(), f);
                    if (v == null) {
                        return null;
                    }
                    b.put(k, v);
                }
                return b.build();
            }
            case ARRAY_COMPR:
                return arrayCompr((ArrayCompr) t, f);
            case SET_COMPR:
                return setCompr((SetCompr) t, f);
            case OBJECT_COMPR:
                return objectCompr((ObjectCompr) t, f);
            case CALL:
                return evalCallDirect((Call) t, f);
            default:
                throw new IllegalStateException(t.kind().name());
        }
    }

    private Value evalRefDirect(Ref r, Value[] f) {
        Value cur;
        switch (r.root()) {
            case INPUT:
                cur = input;
                break;
            case DATA:
                return evalDataDirect(r, f);
            default:
                cur = eval(r.head(), f);
        }
        return lookupRest(cur, r.operands(), 0, f);
    }

    private Value lookupRest(Value cur, List<Term> ops, int i, Value[] f) {
        return lookupRest(cur, ops, i, f, false);
    }

    private Value lookupRest(Value cur, List<Term> ops, int i, Value[] f, boolean data) {
        for (int n = ops.size(); i < n && cur != null; i++) {
            Term op = ops.get(i);
            Value key = op.kind() == Term.Kind.SCALAR ? ((Scalar) op).value() : eval(op, f);
            if (key == null) {
                return null;
            }
            cur = data ? lookupData(cur, key) : lookup(cur, key);
        }
        return cur;
    }

    static Value lookup(Value cur, Value key) {
        switch (cur.type()) {
            case OBJECT:
                return ((ObjectValue) cur).get(key);
            case ARRAY: {
                if (key instanceof NumberValue n && n.isLong()) {
                    long i = n.longValue();
                    ArrayValue a = (ArrayValue) cur;
                    return i >= 0 && i < a.size() ? a.get((int) i) : null;
                }
                return null;
            }
            case SET:
                return ((SetValue) cur).contains(key) ? key : null;
            default:
                return null;
        }
    }

    // ================================================================ iterating term evaluation

    /** Calls {@code k} with each value of {@code t} (several when a reference iterates). */
    private boolean evalTerm(Term t, Value[] f, VCont k) {
        switch (t.kind()) {
            case SCALAR:
                return k.accept(((Scalar) t).value());
            case VAR:
                return k.accept(eval(t, f));
            case REF: {
                Ref r = (Ref) t;
                switch (r.root()) {
                    case INPUT:
                        return input == null || evalOps(input, r.operands(), 0, f, k);
                    case DATA:
                        return walkData(policy.root(), r.operands(), 0, f, k);
                    default:
                        return evalTerm(r.head(), f, h -> evalOps(h, r.operands(), 0, f, k));
                }
            }
            case ARRAY: {
                List<Term> es = ((ArrayTerm) t).elements();
                return evalList(es, 0, new Value[es.size()], f, vals -> k.accept(ArrayValue.wrap(vals.clone())));
            }
            case SET: {
                List<Term> es = ((SetTerm) t).elements();
                return evalList(es, 0, new Value[es.size()], f, vals -> k.accept(SetValue.of(vals)));
            }
            case OBJECT: {
                List<ObjectTerm.Entry> es = ((ObjectTerm) t).entries();
                List<Term> flat = new ArrayList<>(es.size() * 2);
                for (ObjectTerm.Entry e : es) {
                    flat.add(e.key());
                    flat.add(e.value());
                }
                return evalList(flat, 0, new Value[flat.size()], f, vals -> {
                    ObjectValue.Builder b = ObjectValue.builder();
                    for (int i = 0; i < vals.length; i += 2) {
                        b.put(vals[i], vals[i + 1]);
                    }
                    return k.accept(b.build());
                });
            }
            case CALL:
                return evalCall((Call) t, f, k);
            default: {
                Value v = eval(t, f);
                return v == null || k.accept(v);
            }
        }
    }

    @FunctionalInterface
    private interface ArrayCont {
        boolean accept(Value[] values);
    }

    private boolean evalList(List<Term> ts, int i, Value[] out, Value[] f, ArrayCont k) {
        if (i == ts.size()) {
            return k.accept(out);
        }
        return evalTerm(ts.get(i), f, v -> {
            out[i] = v;
            return evalList(ts, i + 1, out, f, k);
        });
    }

    /** Applies reference operands to a value, iterating over unbound variable operands. */
    private boolean evalOps(Value cur, List<Term> ops, int i, Value[] f, VCont k) {
        return evalOps(cur, ops, i, f, k, false);
    }

    private boolean evalOps(Value cur, List<Term> ops, int i, Value[] f, VCont k, boolean data) {
        int n = ops.size();
        while (i < n) {
            Term op = ops.get(i);
            if (op.kind() == Term.Kind.SCALAR) {
                cur = data ? lookupData(cur, ((Scalar) op).value()) : lookup(cur, ((Scalar) op).value());
            } else if (op.kind() == Term.Kind.VAR) {
                int slot = ((Var) op).slot();
                Value b = f[slot];
                if (b != null) {
                    cur = data ? lookupData(cur, b) : lookup(cur, b);
                } else {
                    return iterate(cur, slot, null, ops, i, f, k);
                }
            } else if (hasUnboundPatternVar(op, f)) {
                return iterate(cur, -1, op, ops, i, f, k);
            } else {
                Value c = cur;
                int next = i + 1;
                return evalTerm(op, f, key -> {
                    Value nv = data ? lookupData(c, key) : lookup(c, key);
                    return nv == null || evalOps(nv, ops, next, f, k, data);
                });
            }
            if (cur == null) {
                return true;
            }
            i++;
        }
        return k.accept(cur);
    }

    private boolean iterate(Value cur, int slot, Term pattern, List<Term> ops, int i, Value[] f, VCont k) {
        switch (cur.type()) {
            case ARRAY: {
                ArrayValue a = (ArrayValue) cur;
                for (int j = 0; j < a.size(); j++) {
                    if (!iterStep(NumberValue.of(j), a.get(j), slot, pattern, ops, i, f, k)) {
                        return false;
                    }
                }
                return true;
            }
            case OBJECT: {
                ObjectValue o = (ObjectValue) cur;
                for (int j = 0; j < o.size(); j++) {
                    if (!iterStep(o.keyAt(j), o.valueAt(j), slot, pattern, ops, i, f, k)) {
                        return false;
                    }
                }
                return true;
            }
            case SET: {
                SetValue s = (SetValue) cur;
                for (int j = 0; j < s.size(); j++) {
                    if (!iterStep(s.get(j), s.get(j), slot, pattern, ops, i, f, k)) {
                        return false;
                    }
                }
                return true;
            }
            default:
                return true;
        }
    }

    private boolean iterStep(Value key, Value val, int slot, Term pattern, List<Term> ops, int i, Value[] f, VCont k) {
        step();
        int mark = trailSize;
        try {
            if (pattern == null) {
                bind(f, slot, key);
            } else if (!match(pattern, key, f)) {
                return true;
            }
            return evalOps(val, ops, i + 1, f, k);
        } finally {
            undo(mark);
        }
    }

    // ================================================================ documents under data

    private DataOverride overrideAt(List<String> path) {
        if (overrides == null) {
            return null;
        }
        for (DataOverride o : overrides) {
            if (o.path().size() == path.size()) {
                boolean eq = true;
                for (int i = 0; i < path.size() && eq; i++) {
                    eq = o.path().get(i) instanceof StringValue s && s.value().equals(path.get(i));
                }
                if (eq) {
                    return o;
                }
            }
        }
        return null;
    }

    /** Applies overrides that lie strictly below {@code path} to the value found there. */
    private Value overlay(Value v, List<String> path) {
        if (overrides == null) {
            return v;
        }
        for (DataOverride o : overrides) {
            if (o.path().size() <= path.size()) {
                continue;
            }
            boolean prefix = true;
            for (int i = 0; i < path.size() && prefix; i++) {
                prefix = o.path().get(i) instanceof StringValue s && s.value().equals(path.get(i));
            }
            if (prefix) {
                v = upsert(v, o.path(), path.size(), o.value());
            }
        }
        return v;
    }

    private Value baseAt(DocNode node) {
        Value cur = data;
        for (String p : node.path()) {
            cur = lookup(cur, StringValue.of(p));
            if (cur == null) {
                return null;
            }
        }
        return cur;
    }

    private Value evalDataDirect(Ref r, Value[] f) {
        List<Term> ops = r.operands();
        DocNode node = policy.root();
        int i = 0;
        int n = ops.size();
        while (true) {
            if (overrides != null) {
                DataOverride o = overrideAt(node.path());
                if (o != null) {
                    return lookupRest(o.value(), ops, i, f, true);
                }
            }
            if (node.hasValueRule()) {
                Value v = ruleValue(node);
                return v == null ? null : lookupRest(overlay(v, node.path()), ops, i, f, true);
            }
            if (node.function() != null) {
                return null;
            }
            if (i == n) {
                return nodeValue(node);
            }
            Term op = ops.get(i);
            Value key = op.kind() == Term.Kind.SCALAR ? ((Scalar) op).value() : eval(op, f);
            if (key == null) {
                return null;
            }
            String name = childName(key);
            DocNode child = name == null ? null : node.child(name);
            if (child != null && node.objects() == null) {
                node = child;
                i++;
                continue;
            }
            Value whole = child == null && node.objects() == null ? overlay(baseAt(node), node.path()) : nodeValue(node);
            if (whole == null) {
                return null;
            }
            Value v = lookupData(whole, key);
            return v == null ? null : lookupRest(v, ops, i + 1, f, true);
        }
    }

    private boolean walkData(DocNode node, List<Term> ops, int i, Value[] f, VCont k) {
        while (true) {
            if (overrides != null) {
                DataOverride o = overrideAt(node.path());
                if (o != null) {
                    return evalOps(o.value(), ops, i, f, k, true);
                }
            }
            if (node.hasValueRule()) {
                Value v = ruleValue(node);
                return v == null || evalOps(overlay(v, node.path()), ops, i, f, k, true);
            }
            if (node.function() != null) {
                return true;
            }
            if (i == ops.size()) {
                return k.accept(nodeValue(node));
            }
            Term op = ops.get(i);
            Value key;
            if (op.kind() == Term.Kind.SCALAR) {
                key = ((Scalar) op).value();
            } else if (op.kind() == Term.Kind.VAR && f[((Var) op).slot()] != null) {
                key = f[((Var) op).slot()];
            } else if (op.kind() == Term.Kind.VAR || hasUnboundPatternVar(op, f)) {
                Value whole = node.children().isEmpty() && node.objects() == null ? overlay(baseAt(node), node.path())
                        : nodeValue(node);
                return whole == null || evalOps(whole, ops, i, f, k, true);
            } else {
                DocNode at = node;
                int idx = i;
                return evalTerm(op, f, kv -> stepData(at, kv, ops, idx, f, k));
            }
            String name = childName(key);
            DocNode child = name == null ? null : node.child(name);
            if (child != null && node.objects() == null) {
                node = child;
                i++;
                continue;
            }
            return stepData(node, key, ops, i, f, k);
        }
    }

    private boolean stepData(DocNode node, Value key, List<Term> ops, int i, Value[] f, VCont k) {
        String name = childName(key);
        DocNode child = name == null ? null : node.child(name);
        if (child != null && node.objects() == null) {
            return walkData(child, ops, i + 1, f, k);
        }
        Value whole = child == null && node.objects() == null ? overlay(baseAt(node), node.path()) : nodeValue(node);
        if (whole == null) {
            return true;
        }
        Value v = lookupData(whole, key);
        return v == null || evalOps(v, ops, i + 1, f, k, true);
    }

    /** The tree child a key names: strings, and numbers by their decimal text ({@code data.x[2]} is {@code data.x["2"]}). */
    private static String childName(Value key) {
        if (key instanceof StringValue s) {
            return s.value();
        }
        return key instanceof NumberValue n ? n.toString() : null;
    }

    /** Lookup under {@code data}: a number key that finds nothing in an object tries its decimal text. */
    static Value lookupData(Value cur, Value key) {
        Value v = lookup(cur, key);
        if (v == null && key instanceof NumberValue n && cur instanceof ObjectValue o) {
            v = o.get(StringValue.of(n.toString()));
        }
        return v;
    }

    /** The value of a complete rule or partial set at {@code node} (null when undefined). */
    private Value ruleValue(DocNode node) {
        if (settings.compatibility() == Compatibility.REGORUS && !node.path().isEmpty()) {
            // regorus: a base document at a rule's path shadows the rule.
            Value base = baseAt(node);
            if (base != null) {
                return base;
            }
        }
        return node.complete() != null ? evalComplete(node.complete()) : evalSet(node.set());
    }

    /** The whole document at a node: base data, child documents and generated objects. Null only for functions. */
    private Value nodeValue(DocNode node) {
        if (node.hasValueRule()) {
            Value v = ruleValue(node);
            return v == null ? null : overlay(v, node.path());
        }
        if (node.function() != null) {
            return null;
        }
        Value cached = nodeCache[node.id()];
        if (cached != null) {
            return cached == UNDEFINED ? null : cached;
        }
        DataOverride o = overrideAt(node.path());
        if (o != null) {
            return o.value();
        }
        ObjectValue.Builder b = ObjectValue.builder();
        Value base = baseAt(node);
        if (base instanceof ObjectValue bo) {
            for (int i = 0; i < bo.size(); i++) {
                b.put(bo.keyAt(i), bo.valueAt(i));
            }
        }
        for (DocNode c : node.children().values()) {
            Value cv;
            DataOverride co = overrideAt(c.path());
            if (co != null) {
                cv = co.value();
            } else {
                cv = nodeValue(c);
            }
            if (cv != null && !(settings.compatibility() == Compatibility.REGORUS && base instanceof ObjectValue bo2
                    && bo2.containsKey(StringValue.of(c.name())))) {
                b.put(StringValue.of(c.name()), cv);
            }
        }
        Value result;
        if (node.objects() != null) {
            ObjectValue generated = evalObjects(node.objects());
            result = mergeGenerated(b.build(), generated, node.objects());
        } else {
            result = b.build();
        }
        if (node.path().isEmpty() && !(base instanceof ObjectValue) && base != null && node.children().isEmpty()) {
            result = base;
        }
        result = overlay(result, node.path());
        nodeCache[node.id()] = result;
        return result;
    }

    private Value mergeGenerated(ObjectValue into, ObjectValue generated, RuleSet rs) {
        ObjectValue out = into;
        for (int i = 0; i < generated.size(); i++) {
            Value k = generated.keyAt(i);
            Value v = generated.valueAt(i);
            Value prev = out.get(k);
            if (prev == null) {
                out = out.with(k, v);
            } else if (prev instanceof ObjectValue po && v instanceof ObjectValue vo) {
                out = out.with(k, mergeGenerated(po, vo, rs));
            } else if (!prev.equals(v)) {
                throw new RegoException(ErrorCode.EVAL_CONFLICT, rs.location(), messages.objectKeyConflict(rs.path(), k, prev, v));
            }
        }
        return out;
    }

    // ================================================================ rules

    private Value evalComplete(RuleSet rs) {
        Value cached = ruleCache[rs.id()];
        if (cached != null) {
            return cached == UNDEFINED ? null : cached;
        }
        if (inProgress[rs.id()]) {
            throw new RegoException(ErrorCode.RECURSION, rs.location(), messages.recursion(rs.path()));
        }
        inProgress[rs.id()] = true;
        int savedTrace = traceDepth++;
        try {
            Value result = null;
            for (CompiledRule r : rs.rules()) {
                Value cv = r.constantValue();
                if (result != null && cv != null && r.elseRule() == null && cv.equals(result)) {
                    continue;
                }
                Value v = evalChain(r, rs, null);
                if (v != null) {
                    if (result == null) {
                        result = v;
                    } else if (!result.equals(v)) {
                        throw new RegoException(ErrorCode.EVAL_CONFLICT, r.location(),
                                messages.completeConflict(rs.path()));
                    }
                }
            }
            if (result == null && rs.defaultRule() != null) {
                result = evalDefault(rs.defaultRule());
            }
            if (trace != null) {
                traceDepth = savedTrace;
                traceEvent(result == null ? TraceEvent.Kind.UNDEFINED : TraceEvent.Kind.VALUE, rs.location(),
                        rs.path() + (result == null ? "" : " = " + RegoText.of(result)));
            }
            ruleCache[rs.id()] = result == null ? UNDEFINED : result;
            return result;
        } finally {
            traceDepth = savedTrace;
            inProgress[rs.id()] = false;
        }
    }

    /** Evaluates one definition and its else branches; the first branch with a solution gives the value. */
    private Value evalChain(CompiledRule r, RuleSet rs, Value[] frame) {
        Value[] f = frame != null ? frame : new Value[r.frameSize()];
        for (CompiledRule b = r; b != null; b = b.elseRule()) {
            Value[] holder = new Value[1];
            Value cv = b.constantValue();
            CompiledRule branch = b;
            if (trace != null) {
                traceEnter(rs.path() + " at " + b.location(), b.location());
            }
            traceDepth++;
            evalBody(b.body().literals(), 0, f, () -> evalTerm(branch.value(), f, v -> {
                if (holder[0] == null) {
                    holder[0] = v;
                } else if (!holder[0].equals(v)) {
                    throw new RegoException(ErrorCode.EVAL_CONFLICT, branch.location(),
                            rs.kind() == io.coco4j.rego.ast.Rule.Kind.FUNCTION ? messages.functionConflict(rs.path())
                                    : messages.completeConflict(rs.path()));
                }
                return cv == null;
            }));
            traceDepth--;
            if (holder[0] != null) {
                if (trace != null) {
                    traceEvent(TraceEvent.Kind.EXIT, b.location(), rs.path());
                }
                return holder[0];
            }
        }
        return null;
    }

    private Value evalDefault(CompiledRule d) {
        Value[] f = new Value[Math.max(d.frameSize(), 0)];
        Value[] holder = new Value[1];
        evalTerm(d.value(), f, v -> {
            holder[0] = v;
            return false;
        });
        return holder[0];
    }

    private Value evalSet(RuleSet rs) {
        Value cached = ruleCache[rs.id()];
        if (cached != null) {
            return cached;
        }
        if (inProgress[rs.id()]) {
            throw new RegoException(ErrorCode.RECURSION, rs.location(), messages.recursion(rs.path()));
        }
        inProgress[rs.id()] = true;
        int savedTrace = traceDepth++;
        try {
            SetBuilder b = new SetBuilder();
            for (CompiledRule r : rs.rules()) {
                Value[] f = new Value[r.frameSize()];
                if (trace != null) {
                    traceEnter(rs.path() + " at " + r.location(), r.location());
                }
                boolean constant = r.key() instanceof Scalar;
                evalBody(r.body().literals(), 0, f, () -> evalTerm(r.key(), f, v -> {
                    b.add(v);
                    return !constant;
                }));
            }
            SetValue result = b.build();
            traceDepth = savedTrace;
            if (trace != null) {
                traceEvent(TraceEvent.Kind.VALUE, rs.location(), rs.path() + " = " + RegoText.of(result));
            }
            ruleCache[rs.id()] = result;
            return result;
        } finally {
            traceDepth = savedTrace;
            inProgress[rs.id()] = false;
        }
    }

    /** A set under a variable path, filled by {@code p[x] contains v} rules. */
    private static final class SetLeaf {
        final SetBuilder items = new SetBuilder();
    }

    private ObjectValue evalObjects(RuleSet rs) {
        Value cached = ruleCache[rs.id()];
        if (cached != null) {
            return (ObjectValue) cached;
        }
        if (inProgress[rs.id()]) {
            throw new RegoException(ErrorCode.RECURSION, rs.location(), messages.recursion(rs.path()));
        }
        inProgress[rs.id()] = true;
        int savedTrace = traceDepth++;
        try {
            TreeMap<Value, Object> root = new TreeMap<>(io.coco4j.rego.value.ValueOrder.COMPARATOR);
            for (CompiledRule r : rs.rules()) {
                Value[] f = new Value[r.frameSize()];
                if (trace != null) {
                    traceEnter(rs.path() + " at " + r.location(), r.location());
                }
                List<Term> keyTerms = r.keys();
                boolean setLeaf = r.kind() == io.coco4j.rego.ast.Rule.Kind.PARTIAL_SET;
                Term leaf = setLeaf ? r.key() : r.value();
                boolean constant = leaf instanceof Scalar;
                for (Term kt : keyTerms) {
                    constant &= kt instanceof Scalar;
                }
                boolean stopAfterFirst = constant;
                evalBody(r.body().literals(), 0, f, () -> evalList(keyTerms, 0, new Value[keyTerms.size()], f,
                        keys -> evalTerm(leaf, f, v -> {
                            insert(root, keys, 0, v, rs, setLeaf);
                            return !stopAfterFirst;
                        })));
            }
            for (CompiledRule d : rs.keyedDefaults()) {
                Value[] keys = new Value[d.keys().size()];
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = ((Scalar) d.keys().get(i)).value();
                }
                if (!present(root, keys)) {
                    insert(root, keys, 0, evalDefault(d), rs, false);
                }
            }
            ObjectValue result = (ObjectValue) freeze(root);
            ruleCache[rs.id()] = result;
            return result;
        } finally {
            traceDepth = savedTrace;
            inProgress[rs.id()] = false;
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean present(TreeMap<Value, Object> node, Value[] keys) {
        Object cur = node;
        for (Value k : keys) {
            if (!(cur instanceof TreeMap)) {
                return false;
            }
            cur = ((TreeMap<Value, Object>) cur).get(k);
            if (cur == null) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private void insert(TreeMap<Value, Object> node, Value[] keys, int i, Value v, RuleSet rs, boolean setLeaf) {
        Value k = keys[i];
        Object prev = node.get(k);
        if (i == keys.length - 1) {
            if (setLeaf) {
                if (prev == null) {
                    SetLeaf sl = new SetLeaf();
                    sl.items.add(v);
                    node.put(k, sl);
                } else if (prev instanceof SetLeaf sl) {
                    sl.items.add(v);
                } else {
                    throw new RegoException(ErrorCode.EVAL_CONFLICT, rs.location(),
                            messages.objectKeyConflict(rs.path(), k, freeze(prev), v));
                }
                return;
            }
            if (prev == null) {
                node.put(k, v);
            } else if (!(prev instanceof Value) || !prev.equals(v)) {
                throw new RegoException(ErrorCode.EVAL_CONFLICT, rs.location(),
                        messages.objectKeyConflict(rs.path(), k, freeze(prev), v));
            }
            return;
        }
        TreeMap<Value, Object> child;
        if (prev == null) {
            child = new TreeMap<>(io.coco4j.rego.value.ValueOrder.COMPARATOR);
            node.put(k, child);
        } else if (prev instanceof TreeMap) {
            child = (TreeMap<Value, Object>) prev;
        } else {
            throw new RegoException(ErrorCode.EVAL_CONFLICT, rs.location(),
                    messages.objectKeyConflict(rs.path(), k, freeze(prev), v));
        }
        insert(child, keys, i + 1, v, rs, setLeaf);
    }

    @SuppressWarnings("unchecked")
    private static Value freeze(Object o) {
        if (o instanceof Value v) {
            return v;
        }
        if (o instanceof SetLeaf sl) {
            return sl.items.build();
        }
        ObjectValue.Builder b = ObjectValue.builder();
        for (Map.Entry<Value, Object> e : ((TreeMap<Value, Object>) o).entrySet()) {
            b.put(e.getKey(), freeze(e.getValue()));
        }
        return b.build();
    }

    private Value evalFunction(RuleSet rs, Value[] args, Location callSite) {
        if (inProgress[rs.id()]) {
            throw new RegoException(ErrorCode.RECURSION, callSite, messages.recursion(rs.path()));
        }
        inProgress[rs.id()] = true;
        int savedTrace = traceDepth++;
        try {
            Value result = null;
            for (CompiledRule r : rs.rules()) {
                Value cv = r.constantValue();
                if (result != null && cv != null && r.elseRule() == null && cv.equals(result)) {
                    continue;
                }
                Value[] f = new Value[r.frameSize()];
                int mark = trailSize;
                Value v = null;
                try {
                    boolean ok = true;
                    for (int i = 0; i < args.length && ok; i++) {
                        ok = match(r.args().get(i), args[i], f);
                    }
                    if (ok) {
                        v = evalChain(r, rs, f);
                    }
                } finally {
                    undo(mark);
                }
                if (v != null) {
                    if (result == null) {
                        result = v;
                    } else if (!result.equals(v)) {
                        throw new RegoException(ErrorCode.EVAL_CONFLICT, r.location(), messages.functionConflict(rs.path()));
                    }
                }
            }
            if (result == null && rs.defaultRule() != null) {
                result = evalDefault(rs.defaultRule());
            }
            return result;
        } finally {
            traceDepth = savedTrace;
            inProgress[rs.id()] = false;
        }
    }

    // ================================================================ comprehensions

    private Value arrayCompr(ArrayCompr c, Value[] f) {
        List<Value> out = new ArrayList<>();
        evalBody(c.body().literals(), 0, f, () -> evalTerm(c.head(), f, v -> {
            out.add(v);
            return true;
        }));
        return ArrayValue.of(out);
    }

    private Value setCompr(SetCompr c, Value[] f) {
        SetBuilder b = new SetBuilder();
        evalBody(c.body().literals(), 0, f, () -> evalTerm(c.head(), f, v -> {
            b.add(v);
            return true;
        }));
        return b.build();
    }

    private Value objectCompr(ObjectCompr c, Value[] f) {
        ObjectValue.Builder b = ObjectValue.builder();
        evalBody(c.body().literals(), 0, f, () -> evalTerm(c.key(), f, k -> evalTerm(c.value(), f, v -> {
            Value prev = b.putIfAbsent(k, v);
            if (prev != null && !prev.equals(v)) {
                throw new RegoException(ErrorCode.EVAL_CONFLICT, c.location(),
                        messages.objectKeyConflict("object comprehension", k, prev, v));
            }
            return true;
        })));
        return b.build();
    }

    // ================================================================ calls

    private int inputArity(Call c) {
        int arity = c.target().arity();
        return arity >= 0 && c.args().size() == arity + 1 ? arity : c.args().size();
    }

    private Value evalCallDirect(Call c, Value[] f) {
        if (isPrint(c)) {
            return print(c, f);
        }
        int n = inputArity(c);
        List<Term> args = c.args();
        Value[] vals = new Value[n];
        for (int i = 0; i < n; i++) {
            Value v = eval(args.get(i), f);
            if (v == null) {
                return null;
            }
            vals[i] = v;
        }
        Value result = invoke(c, c.target(), vals);
        if (result == null) {
            return null;
        }
        if (n < args.size()) {
            return match(args.get(n), result, f) ? BooleanValue.TRUE : null;
        }
        return result;
    }

    private boolean evalCall(Call c, Value[] f, VCont k) {
        if (isPrint(c)) {
            Value v = print(c, f);
            return v == null || k.accept(v);
        }
        int n = inputArity(c);
        List<Term> args = c.args();
        return evalList(args.subList(0, n), 0, new Value[n], f, vals -> {
            Value result = invoke(c, c.target(), vals.clone());
            if (result == null) {
                return true;
            }
            if (c.target() instanceof Builtin b && b.isRelation()) {
                for (Value r : ((ArrayValue) result).asList()) {
                    step();
                    boolean go = n < args.size() ? matchCps(args.get(n), r, f, () -> k.accept(BooleanValue.TRUE)) : k.accept(r);
                    if (!go) {
                        return false;
                    }
                }
                return true;
            }
            if (n < args.size()) {
                return matchCps(args.get(n), result, f, () -> k.accept(BooleanValue.TRUE));
            }
            return k.accept(result);
        });
    }

    private static boolean isPrint(Call c) {
        return c.target() instanceof Builtin b && b.name().equals("print") && b.arity() < 0;
    }

    private Value invoke(Call c, CallTarget target, Value[] vals) {
        if (mocks != null) {
            Object m = mocks.get(target);
            if (m != null) {
                if (m instanceof Value v) {
                    return v;
                }
                // A replacement runs unmocked: inside it the replaced function is the original one.
                Saved outer = current();
                mocks = null;
                ruleCache = new Value[ruleCache.length];
                nodeCache = new Value[nodeCache.length];
                try {
                    return invoke(c, (CallTarget) m, vals);
                } finally {
                    swapIn(outer);
                }
            }
        }
        if (target instanceof RuleSet rs) {
            return evalFunction(rs, vals, c.location());
        }
        Builtin b = (Builtin) target;
        if (b instanceof HostFunction) {
            try {
                return b.call(vals, this);
            } catch (RegoException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new RegoException(ErrorCode.EVAL_HOST, c.location(), b.name() + ": " + e.getMessage());
            }
        }
        try {
            return b.call(vals, this);
        } catch (BuiltinException e) {
            if (strict) {
                throw new RegoException(e.code(), c.location(), e.getMessage());
            }
            return null;
        } catch (ArithmeticException | IllegalArgumentException e) {
            if (strict) {
                throw new RegoException(ErrorCode.EVAL_BUILTIN, c.location(), b.name() + ": " + e.getMessage());
            }
            return null;
        }
    }

    private Value print(Call c, Value[] f) {
        if (settings.prints() == PrintSink.DISCARD) {
            // Nobody listens: skip formatting (agent policies print whole requests at every step).
            return BooleanValue.TRUE;
        }
        StringBuilder sb = new StringBuilder();
        String emptySet = settings.compatibility() == Compatibility.REGORUS ? "{}" : "set()";
        for (int i = 0; i < c.args().size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            Value[] holder = new Value[1];
            try {
                evalTerm(c.args().get(i), f, v -> {
                    holder[0] = v;
                    return false;
                });
            } catch (RegoException e) {
                if (e.code() != ErrorCode.EVAL_BUILTIN && e.code() != ErrorCode.EVAL_TYPE) {
                    throw e;
                }
            }
            Value v = holder[0];
            if (v == null) {
                sb.append("<undefined>");
            } else if (v instanceof StringValue s) {
                sb.append(s.value());
            } else {
                RegoText.append(sb, v, emptySet);
            }
        }
        settings.prints().print(c.location(), sb.toString());
        return BooleanValue.TRUE;
    }

    // ================================================================ BuiltinContext

    @Override
    public Compatibility compatibility() {
        return settings.compatibility();
    }

    @Override
    public long nowNanos() {
        if (now < 0) {
            java.time.Instant i = java.time.Instant.now();
            now = i.getEpochSecond() * 1_000_000_000L + i.getNano();
        }
        return now;
    }

    @Override
    public Map<Object, Object> evaluationCache() {
        if (evaluationCache == null) {
            evaluationCache = new HashMap<>();
        }
        return evaluationCache;
    }

    /** Statements and iteration steps taken so far. */
    public long steps() {
        return steps;
    }
}
