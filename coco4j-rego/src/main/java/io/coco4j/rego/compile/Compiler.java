package io.coco4j.rego.compile;

import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.RegoError;
import io.coco4j.rego.RegoException;
import io.coco4j.rego.ast.Body;
import io.coco4j.rego.ast.Import;
import io.coco4j.rego.ast.Location;
import io.coco4j.rego.ast.Module;
import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.ast.Rule;
import io.coco4j.rego.ast.Scalar;
import io.coco4j.rego.ast.Term;
import io.coco4j.rego.ast.Var;
import io.coco4j.rego.value.StringValue;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles parsed modules into a {@link CompiledPolicy}: places every rule in the document tree
 * (detecting conflicting definitions), resolves names and orders statements. All errors found
 * are reported together.
 */
public final class Compiler {
    private final CompileOptions options;
    private final DocNode root;
    private final List<RuleSet> ruleSets = new ArrayList<>();
    private final List<RegoError> errors = new ArrayList<>();
    private int nodeCount = 1;

    private Compiler(CompileOptions options) {
        this.options = options;
        this.root = new DocNode(0, "data", List.of());
        this.root.isPackage = true;
    }

    private Compiler(CompiledPolicy policy) {
        this.options = policy.options();
        this.root = policy.root();
    }

    CompileOptions options() {
        return options;
    }

    public static CompiledPolicy compile(List<Module> modules, CompileOptions options) {
        Compiler c = new Compiler(options);
        return c.run(modules);
    }

    /** Compiles a query against a compiled policy (which supplies the functions it may call). */
    public static CompiledQuery compileQuery(CompiledPolicy policy, Body query, String text) {
        Compiler c = new Compiler(policy);
        Resolver.ModuleScope ms = new Resolver.ModuleScope(List.of(), Set.of(), Map.of(), RegoVersion.V1);
        Resolver r = new Resolver(c, ms);
        Resolver.Scope scope = r.rootScope(query, List.of());
        Body resolved = r.resolveBody(query, scope);
        Scheduler sched = new Scheduler(r.owned, r.slotNames());
        Scheduler.Placed placed = sched.schedule(resolved, new BitSet());
        List<Var> outputs = new ArrayList<>();
        List<Var> vars = new ArrayList<>(scope.vars.values());
        vars.sort((a, b) -> Integer.compare(a.slot(), b.slot()));
        for (Var v : vars) {
            if (!v.isWildcard() && !v.name().startsWith("__")) {
                outputs.add(v);
            }
        }
        return new CompiledQuery(text, placed.body(), r.frameSize(), outputs, placed.order());
    }

    DocNode node(List<String> path) {
        DocNode n = root;
        for (String s : path) {
            n = n.child(s);
            if (n == null) {
                return null;
            }
        }
        return n;
    }

    private DocNode ensure(List<String> path) {
        DocNode n = root;
        for (int i = 0; i < path.size(); i++) {
            String s = path.get(i);
            DocNode c = n.child(s);
            if (c == null) {
                c = new DocNode(nodeCount++, s, path.subList(0, i + 1));
                n.mutableChildren().put(s, c);
            }
            n = c;
        }
        return n;
    }

    private RuleSet newRuleSet(DocNode node, Rule.Kind kind) {
        RuleSet rs = new RuleSet(ruleSets.size(), node.pathString(), kind);
        ruleSets.add(rs);
        return rs;
    }

    // ---------------------------------------------------------------- placement

    /** A rule's place in the tree: the node of its ground path, and variable keys below it. */
    private record Placement(DocNode node, List<Term> keys) {
    }

    private CompiledPolicy run(List<Module> modules) {
        Map<List<String>, Set<String>> ruleNames = new HashMap<>();
        for (Module m : modules) {
            DocNode pkg = ensure(m.packagePath());
            pkg.isPackage = true;
            Set<String> names = ruleNames.computeIfAbsent(m.packagePath(), k -> new HashSet<>());
            for (Rule r : m.rules()) {
                names.add(r.name());
            }
        }
        Map<Rule, Placement> placements = new HashMap<>();
        for (Module m : modules) {
            for (Rule r : m.rules()) {
                try {
                    placements.put(r, place(m, r));
                } catch (RegoException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        checkTree(root);
        if (!errors.isEmpty()) {
            throw new RegoException(errors);
        }
        for (Module m : modules) {
            Map<String, Import> imports = new HashMap<>();
            for (Import imp : m.imports()) {
                if (imports.put(imp.name(), imp) != null) {
                    errors.add(new RegoError(ErrorCode.COMPILE, imp.location(),
                            "import must not shadow import " + imports.get(imp.name())));
                }
            }
            Resolver.ModuleScope ms = new Resolver.ModuleScope(m.packagePath(), ruleNames.get(m.packagePath()), imports,
                    m.version());
            for (Rule r : m.rules()) {
                Placement p = placements.get(r);
                try {
                    CompiledRule cr = compileRule(ms, r, p.keys());
                    RuleSet rs = ruleSetFor(p.node(), r, p.keys());
                    if (r.isDefault() && !p.keys().isEmpty()) {
                        rs.addKeyedDefault(cr);
                    } else if (r.isDefault()) {
                        rs.setDefault(cr);
                    } else {
                        rs.add(cr);
                    }
                } catch (RegoException e) {
                    errors.addAll(e.errors());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new RegoException(errors);
        }
        return new CompiledPolicy(root, ruleSets, nodeCount, modules, options);
    }

    private Placement place(Module m, Rule r) {
        List<String> path = new ArrayList<>(m.packagePath());
        List<Term> ref = r.ref();
        path.add(r.name());
        int i = 1;
        while (i < ref.size() && ref.get(i) instanceof Scalar s && s.value() instanceof StringValue str) {
            path.add(str.value());
            i++;
        }
        List<Term> keys = new ArrayList<>(ref.subList(i, ref.size()));
        Rule.Kind kind = r.kind();
        if (!keys.isEmpty() && kind == Rule.Kind.PARTIAL_SET) {
            // `p[x][y] contains v`: sets at variable paths, assembled like a partial object.
            kind = Rule.Kind.PARTIAL_OBJECT;
        }
        if (!keys.isEmpty() && kind != Rule.Kind.PARTIAL_OBJECT && kind != Rule.Kind.COMPLETE) {
            throw new RegoException(ErrorCode.COMPILE, r.location(), "rule path of " + kind.name().toLowerCase().replace('_', ' ')
                    + " rule must consist of names: " + r.text());
        }
        if (kind == Rule.Kind.COMPLETE && !keys.isEmpty()) {
            kind = Rule.Kind.PARTIAL_OBJECT;
        }
        if (kind == Rule.Kind.PARTIAL_OBJECT && r.isDefault()) {
            for (Term k : keys) {
                if (!(k instanceof Scalar)) {
                    throw new RegoException(ErrorCode.COMPILE, r.location(), "default rules must have a constant path");
                }
            }
        }
        DocNode node = ensure(path);
        String where = node.pathString();
        switch (kind) {
            case COMPLETE:
                if (node.set != null || node.function != null) {
                    throw conflict(r, where);
                }
                if (node.complete == null) {
                    node.complete = newRuleSet(node, Rule.Kind.COMPLETE);
                }
                if (r.isDefault() && node.complete.defaultRule() != null) {
                    throw new RegoException(ErrorCode.COMPILE, r.location(), "multiple default rules " + where + " found");
                }
                if (r.isDefault()) {
                    node.complete.setDefault(placeholder(r));
                }
                break;
            case PARTIAL_SET:
                if (node.complete != null || node.function != null || node.objects != null) {
                    throw conflict(r, where);
                }
                if (node.set == null) {
                    node.set = newRuleSet(node, Rule.Kind.PARTIAL_SET);
                }
                break;
            case FUNCTION: {
                if (node.complete != null || node.set != null || node.objects != null) {
                    throw conflict(r, where);
                }
                if (node.function == null) {
                    node.function = newRuleSet(node, Rule.Kind.FUNCTION);
                    node.function.setArity(r.args().size());
                } else if (node.function.arity() != r.args().size()) {
                    throw new RegoException(ErrorCode.TYPE, r.location(), "function " + where + " has arity "
                            + node.function.arity() + " in one definition and " + r.args().size() + " in another");
                }
                if (r.isDefault()) {
                    if (node.function.defaultRule() != null) {
                        throw new RegoException(ErrorCode.COMPILE, r.location(), "multiple default rules " + where + " found");
                    }
                    node.function.setDefault(placeholder(r));
                }
                break;
            }
            case PARTIAL_OBJECT:
                if (node.set != null || node.function != null || node.complete != null) {
                    throw conflict(r, where);
                }
                if (node.objects == null) {
                    node.objects = newRuleSet(node, Rule.Kind.PARTIAL_OBJECT);
                }
                break;
            default:
                throw new IllegalStateException();
        }
        return new Placement(node, keys);
    }

    private static CompiledRule placeholder(Rule r) {
        return new CompiledRule(r.location(), r.kind(), r.text(), null, null, null, null, null, null, 0);
    }

    private static RegoException conflict(Rule r, String where) {
        return new RegoException(ErrorCode.TYPE, r.location(), "conflicting rules " + where + " found: " + r.text());
    }

    private RuleSet ruleSetFor(DocNode node, Rule r, List<Term> keys) {
        if (!keys.isEmpty()) {
            return node.objects;
        }
        switch (r.kind()) {
            case PARTIAL_SET:
                return node.set;
            case FUNCTION:
                return node.function;
            case PARTIAL_OBJECT:
                return node.objects;
            default:
                return node.complete != null ? node.complete : node.objects;
        }
    }

    /** A complete rule or partial set owns its whole subtree: nothing may be defined below it. */
    private void checkTree(DocNode n) {
        if ((n.complete != null || n.set != null || n.function != null) && hasRules(n.children().values())) {
            RuleSet rs = n.complete != null ? n.complete : n.set != null ? n.set : n.function;
            errors.add(new RegoError(ErrorCode.TYPE, rs.location(), "rule " + n.pathString()
                    + " conflicts with rules defined below it"));
        }
        for (DocNode c : n.children().values()) {
            checkTree(c);
        }
    }

    private static boolean hasRules(Iterable<DocNode> nodes) {
        for (DocNode c : nodes) {
            if (c.complete != null || c.set != null || c.function != null || c.objects != null
                    || hasRules(c.children().values())) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- rules

    private CompiledRule compileRule(Resolver.ModuleScope ms, Rule r, List<Term> keys) {
        Resolver res = new Resolver(this, ms);
        Resolver.Scope argScope = res.rootScope(null, List.of());
        List<Term> args = null;
        BitSet bound0 = new BitSet();
        if (r.args() != null) {
            args = new ArrayList<>();
            for (Term a : r.args()) {
                res.declarePattern(argScope, a, false);
            }
            for (Term a : r.args()) {
                Term ra = res.resolveTerm(a, argScope);
                args.add(ra);
            }
            for (Var v : argScope.vars.values()) {
                bound0.set(v.slot());
            }
            for (int s = 0; s < res.frameSize(); s++) {
                bound0.set(s);
            }
        }
        List<Branch> branches = new ArrayList<>();
        boolean first = true;
        for (Rule b = r; b != null; b = b.elseRule()) {
            List<Term> heads = new ArrayList<>();
            if (first) {
                heads.addAll(keys);
                heads.add(r.key());
            }
            heads.add(b.value());
            Set<String> mentions = new HashSet<>();
            Resolver.Scope scope = new Resolver.Scope(argScope, mentions);
            mentions.addAll(res.rootScope(b.body(), List.of()).mentions);
            // Head variables bound by a `:=` or `some` of the body are those declarations, not implicit locals.
            Set<String> headNames = new HashSet<>(res.rootScope(null, heads).mentions);
            headNames.removeAll(Resolver.declaredNames(b.body()));
            mentions.addAll(headNames);
            Body body = res.resolveBody(b.body(), scope);
            List<Term> rKeys = new ArrayList<>();
            Term rKey = null;
            if (first) {
                for (Term k : keys) {
                    rKeys.add(res.resolveTerm(k, scope));
                }
                rKey = r.key() == null ? null : res.resolveTerm(r.key(), scope);
            }
            Term value = b.value() == null ? null : res.resolveTerm(b.value(), scope);
            branches.add(new Branch(b, body, rKeys, rKey, value));
            first = false;
        }
        Scheduler sched = new Scheduler(res.owned, res.slotNames());
        CompiledRule next = null;
        for (int i = branches.size() - 1; i >= 0; i--) {
            Branch br = branches.get(i);
            Scheduler.Placed placed = sched.schedule(br.body(), bound0);
            BitSet after = placed.boundAfter();
            List<Term> ks = new ArrayList<>();
            for (Term k : br.keys()) {
                ks.add(sched.checkHead(k, after));
            }
            Term key = br.key() == null ? null : sched.checkHead(br.key(), after);
            Term value = br.value() == null ? new Scalar(br.rule().location(), io.coco4j.rego.value.BooleanValue.TRUE)
                    : sched.checkHead(br.value(), after);
            Rule.Kind kind = r.kind() == Rule.Kind.COMPLETE && !keys.isEmpty() ? Rule.Kind.PARTIAL_OBJECT : r.kind();
            next = new CompiledRule(br.rule().location(), kind, br.rule().text(), args, key, ks, value, placed.body(), next,
                    res.frameSize());
        }
        return next;
    }

    private record Branch(Rule rule, Body body, List<Term> keys, Term key, Term value) {
    }

    Location rootLocation() {
        return null;
    }
}
