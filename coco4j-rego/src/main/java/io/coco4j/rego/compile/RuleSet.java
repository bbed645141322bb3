package io.coco4j.rego.compile;

import io.coco4j.rego.ast.CallTarget;
import io.coco4j.rego.ast.Location;
import io.coco4j.rego.ast.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * All definitions of one rule: the complete rules, partial-set rules, partial-object rules or
 * functions that share a path. Functions are also call targets.
 */
public final class RuleSet implements CallTarget {
    private final int id;
    private final String path;
    private final Rule.Kind kind;
    private final List<CompiledRule> rules = new ArrayList<>();
    private CompiledRule defaultRule;
    private final List<CompiledRule> keyedDefaults = new ArrayList<>();
    private int arity = -1;
    private boolean hasElse;
    private Location location;

    RuleSet(int id, String path, Rule.Kind kind) {
        this.id = id;
        this.path = path;
        this.kind = kind;
    }

    /** Dense index, used for per-evaluation caches. */
    public int id() {
        return id;
    }

    /** {@code data.pkg.rule}. */
    public String path() {
        return path;
    }

    public Rule.Kind kind() {
        return kind;
    }

    public List<CompiledRule> rules() {
        return Collections.unmodifiableList(rules);
    }

    public CompiledRule defaultRule() {
        return defaultRule;
    }

    /** Defaults of partial-object entries with constant keys ({@code default p["k"] := v}). */
    public List<CompiledRule> keyedDefaults() {
        return Collections.unmodifiableList(keyedDefaults);
    }

    void addKeyedDefault(CompiledRule r) {
        keyedDefaults.add(r);
    }

    public boolean hasElse() {
        return hasElse;
    }

    public Location location() {
        return location;
    }

    @Override
    public int arity() {
        return arity;
    }

    void add(CompiledRule r) {
        if (location == null) {
            location = r.location();
        }
        rules.add(r);
        if (r.elseRule() != null) {
            hasElse = true;
        }
    }

    void setDefault(CompiledRule r) {
        if (location == null) {
            location = r.location();
        }
        defaultRule = r;
    }

    void setArity(int arity) {
        this.arity = arity;
    }

    @Override
    public String toString() {
        return path;
    }
}
