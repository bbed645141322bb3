package io.coco4j.rego;

import io.coco4j.rego.ast.Module;
import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.builtins.BuiltinRegistry;
import io.coco4j.rego.builtins.HostFunction;
import io.coco4j.rego.compile.CompileOptions;
import io.coco4j.rego.compile.CompiledPolicy;
import io.coco4j.rego.compile.Compiler;
import io.coco4j.rego.parse.ParseOptions;
import io.coco4j.rego.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Entry point: configure once (syntax version, compatibility, strictness, limits, host functions),
 * then {@link #prepare} policies. A {@link PreparedPolicy} is compiled once and can be evaluated
 * many times, concurrently.
 *
 * <pre>{@code
 * RegoEngine engine = RegoEngine.builder()
 *         .hostFunction("query_reference_value", 1, args -> lookup(args.get(0)))
 *         .build();
 * PreparedPolicy policy = engine.prepare(new PolicySource("policy.rego", text));
 * RuleResult allow = policy.evaluateRule("data.policy.allow", input, data);
 * }</pre>
 */
public final class RegoEngine {
    private final RegoVersion version;
    private final Compatibility compatibility;
    private final boolean strict;
    private final Limits limits;
    private final BuiltinRegistry builtins;

    private RegoEngine(Builder b) {
        this.version = b.version;
        this.compatibility = b.compatibility;
        this.strict = b.strict;
        this.limits = b.limits;
        this.builtins = b.builtins;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parses and compiles policy modules; throws {@link RegoException} with file:line:column on any error. */
    public PreparedPolicy prepare(List<PolicySource> sources) {
        List<Module> modules = new ArrayList<>(sources.size());
        List<RegoError> errors = new ArrayList<>();
        for (PolicySource s : sources) {
            try {
                modules.add(Parser.parseModule(s.name(), s.text(), parseOptions()));
            } catch (RegoException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new RegoException(errors);
        }
        CompiledPolicy compiled = Compiler.compile(modules, new CompileOptions(version, compatibility, builtins));
        return new PreparedPolicy(this, compiled);
    }

    public PreparedPolicy prepare(PolicySource... sources) {
        return prepare(List.of(sources));
    }

    /** Validates policies: the errors {@link #prepare} would report, or an empty list. */
    public List<RegoError> check(List<PolicySource> sources) {
        try {
            prepare(sources);
            return List.of();
        } catch (RegoException e) {
            return e.errors();
        }
    }

    ParseOptions parseOptions() {
        return new ParseOptions(version, compatibility != Compatibility.REGORUS);
    }

    public RegoVersion version() {
        return version;
    }

    public Compatibility compatibility() {
        return compatibility;
    }

    public boolean strictBuiltinErrors() {
        return strict;
    }

    public Limits limits() {
        return limits;
    }

    BuiltinRegistry builtins() {
        return builtins;
    }

    /** Engine configuration. Defaults: Rego v1, OPA compatibility, strict builtin errors, {@link Limits#DEFAULT}. */
    public static final class Builder {
        private RegoVersion version = RegoVersion.V1;
        private Compatibility compatibility = Compatibility.OPA;
        private boolean strict = true;
        private Limits limits = Limits.DEFAULT;
        private BuiltinRegistry builtins = BuiltinRegistry.standard();

        private Builder() {
        }

        /** Syntax version for modules that do not import {@code rego.v1} (v0 is OPA's v0-compatibility mode). */
        public Builder regoVersion(RegoVersion v) {
            this.version = Objects.requireNonNull(v);
            return this;
        }

        public Builder compatibility(Compatibility c) {
            this.compatibility = Objects.requireNonNull(c);
            return this;
        }

        /**
         * With strict builtin errors (the default) a failing builtin aborts the evaluation with an
         * error; without, the failing call is undefined and evaluation continues, as in OPA's default.
         */
        public Builder strictBuiltinErrors(boolean strict) {
            this.strict = strict;
            return this;
        }

        public Builder limits(Limits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** Registers a function policies may call by {@code name}; it replaces a builtin of that name. */
        public Builder hostFunction(String name, int arity, HostFunction.Impl impl) {
            this.builtins = builtins.with(new HostFunction(name, arity, impl));
            return this;
        }

        public RegoEngine build() {
            return new RegoEngine(this);
        }
    }
}
