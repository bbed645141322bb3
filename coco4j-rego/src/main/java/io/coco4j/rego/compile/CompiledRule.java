package io.coco4j.rego.compile;

import io.coco4j.rego.ast.Body;
import io.coco4j.rego.ast.Location;
import io.coco4j.rego.ast.Rule;
import io.coco4j.rego.ast.Scalar;
import io.coco4j.rego.ast.Term;
import io.coco4j.rego.value.Value;
import java.util.List;

/**
 * One rule definition ready to evaluate: names resolved, variables numbered within a frame of
 * {@code frameSize} slots, body reordered so every variable is bound before use. For functions
 * {@code args} are the parameter patterns; for partial sets {@code key} is the element; for
 * partial objects {@code keys} are the variable path segments below the rule set's node.
 */
public final class CompiledRule {
    private final Location location;
    private final Rule.Kind kind;
    private final String text;
    private final List<Term> args;
    private final Term key;
    private final List<Term> keys;
    private final Term value;
    private final Body body;
    private final CompiledRule elseRule;
    private final int frameSize;

    CompiledRule(Location location, Rule.Kind kind, String text, List<Term> args, Term key, List<Term> keys, Term value,
            Body body, CompiledRule elseRule, int frameSize) {
        this.location = location;
        this.kind = kind;
        this.text = text;
        this.args = args;
        this.key = key;
        this.keys = keys;
        this.value = value;
        this.body = body;
        this.elseRule = elseRule;
        this.frameSize = frameSize;
    }

    public Location location() {
        return location;
    }

    public Rule.Kind kind() {
        return kind;
    }

    /** The source text of the rule head, for traces. */
    public String text() {
        return text;
    }

    public List<Term> args() {
        return args;
    }

    public Term key() {
        return key;
    }

    public List<Term> keys() {
        return keys;
    }

    public Term value() {
        return value;
    }

    /** The value when it is a constant (so the first solution settles the rule), else null. */
    public Value constantValue() {
        return value instanceof Scalar s ? s.value() : null;
    }

    public Body body() {
        return body;
    }

    public CompiledRule elseRule() {
        return elseRule;
    }

    public int frameSize() {
        return frameSize;
    }

    @Override
    public String toString() {
        return text;
    }
}
