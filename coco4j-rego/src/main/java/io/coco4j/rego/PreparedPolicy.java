package io.coco4j.rego;

import io.coco4j.rego.ast.Body;
import io.coco4j.rego.compile.CompiledPolicy;
import io.coco4j.rego.compile.CompiledQuery;
import io.coco4j.rego.compile.Compiler;
import io.coco4j.rego.compile.DocNode;
import io.coco4j.rego.parse.Parser;
import io.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A parsed, checked and indexed set of policy modules. Immutable and thread-safe: evaluate it
 * from any number of threads. Compiled queries are cached.
 */
public final class PreparedPolicy {
    private static final int QUERY_CACHE_SIZE = 512;

    private final RegoEngine engine;
    private final CompiledPolicy compiled;
    private final ConcurrentHashMap<String, CompiledQuery> queries = new ConcurrentHashMap<>();

    PreparedPolicy(RegoEngine engine, CompiledPolicy compiled) {
        this.engine = engine;
        this.compiled = compiled;
    }

    RegoEngine engine() {
        return engine;
    }

    CompiledPolicy compiled() {
        return compiled;
    }

    /** Starts configuring one evaluation. */
    public Evaluation evaluation() {
        return new Evaluation(this);
    }

    /** All results of {@code query} (e.g. {@code data.policy.allow == true}, {@code x := data.a[_]}). */
    public QueryResult query(String query, Value input, Value data) {
        return evaluation().input(input).data(data).query(query);
    }

    /**
     * The value of a rule or document such as {@code data.policy.allow}: absent when the policy
     * defines nothing there, undefined when it does but no definition applies (and there is no
     * default), else the value. Evaluation errors are thrown.
     */
    public RuleResult evaluateRule(String ref, Value input, Value data) {
        return evaluation().input(input).data(data).rule(ref);
    }

    /** True when the policy defines a rule or package at (or below) {@code path} under {@code data}. */
    public boolean defines(List<String> path) {
        DocNode n = compiled.root();
        for (String p : path) {
            if (n.hasValueRule() || n.function() != null || n.objects() != null) {
                return true;
            }
            n = n.child(p);
            if (n == null) {
                return false;
            }
        }
        return true;
    }

    /** The names of the rule sets this policy defines, e.g. {@code data.policy.allow}. */
    public List<String> rules() {
        List<String> out = new ArrayList<>();
        compiled.ruleSets().forEach(rs -> out.add(rs.path()));
        return out;
    }

    CompiledQuery compileQuery(String text) {
        CompiledQuery q = queries.get(text);
        if (q != null) {
            return q;
        }
        Body body = Parser.parseQuery("query", text, engine.parseOptions());
        q = Compiler.compileQuery(compiled, body, text.strip());
        if (queries.size() >= QUERY_CACHE_SIZE) {
            queries.clear();
        }
        queries.put(text, q);
        return q;
    }
}
