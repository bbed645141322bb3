package io.coco4j.rego.compile;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.RegoException;
import io.coco4j.rego.ast.ArrayCompr;
import io.coco4j.rego.ast.ArrayTerm;
import io.coco4j.rego.ast.Body;
import io.coco4j.rego.ast.Call;
import io.coco4j.rego.ast.CallTarget;
import io.coco4j.rego.ast.Expr;
import io.coco4j.rego.ast.Import;
import io.coco4j.rego.ast.Literal;
import io.coco4j.rego.ast.Location;
import io.coco4j.rego.ast.ObjectCompr;
import io.coco4j.rego.ast.ObjectTerm;
import io.coco4j.rego.ast.Ref;
import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.ast.Scalar;
import io.coco4j.rego.ast.SetCompr;
import io.coco4j.rego.ast.SetTerm;
import io.coco4j.rego.ast.Term;
import io.coco4j.rego.ast.Var;
import io.coco4j.rego.ast.With;
import io.coco4j.rego.builtins.Builtin;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetBuilder;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves the names of one rule (or query) and numbers its variables within one frame.
 *
 * <p>Scoping: a name declared with {@code :=} or {@code some} (or a function parameter) is local
 * to its body; otherwise {@code input}, {@code data}, imports and the package's rules are global;
 * any other name is a local variable of the outermost body that mentions it (so comprehensions
 * see the variables of the enclosing body). {@code _} is a fresh variable at every occurrence.
 */
final class Resolver {
    /** The module a rule comes from; for queries the package is empty. */
    record ModuleScope(List<String> packagePath, Set<String> ruleNames, Map<String, Import> imports, RegoVersion version) {
    }

    static final class Scope {
        final Scope parent;
        final Map<String, Var> vars = new HashMap<>();
        final Set<String> mentions;
        final BitSet owned = new BitSet();

        Scope(Scope parent, Set<String> mentions) {
            this.parent = parent;
            this.mentions = mentions;
        }

        Var lookup(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                Var v = s.vars.get(name);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    }

    private final Compiler compiler;
    private final ModuleScope module;
    private final List<String> slotNames = new ArrayList<>();
    /** Slots owned by each comprehension term and every-expression (their local variables). */
    final IdentityHashMap<Object, BitSet> owned = new IdentityHashMap<>();

    Resolver(Compiler compiler, ModuleScope module) {
        this.compiler = compiler;
        this.module = module;
    }

    int frameSize() {
        return slotNames.size();
    }

    List<String> slotNames() {
        return slotNames;
    }

    private RegoException error(Location loc, String msg) {
        return new RegoException(ErrorCode.COMPILE, loc, msg);
    }

    // ---------------------------------------------------------------- scopes

    Scope rootScope(Body body, List<Term> extraMentions) {
        Set<String> mentions = new HashSet<>();
        for (Term t : extraMentions) {
            if (t != null) {
                mentionsOf(t, mentions);
            }
        }
        if (body != null) {
            mentionsOf(body, mentions);
        }
        return new Scope(null, mentions);
    }

    private Var newVar(Scope s, Location loc, String name) {
        int slot = slotNames.size();
        slotNames.add(name);
        for (Scope x = s; x != null; x = x.parent) {
            x.owned.set(slot);
        }
        return new Var(loc, name, slot);
    }

    /** Declares {@code v} in {@code s} (a parameter, {@code some} or {@code :=} variable). */
    Var declare(Scope s, Var v, boolean assignment) {
        if (v.isWildcard()) {
            return newVar(s, v.location(), "_");
        }
        String n = v.name();
        if (module.version() == RegoVersion.V1 && (n.equals("input") || n.equals("data"))) {
            throw error(v.location(), n + " cannot be shadowed");
        }
        Var existing = s.vars.get(n);
        if (existing != null) {
            if (assignment) {
                throw error(v.location(), "var " + n + " assigned above");
            }
            return existing;
        }
        Var nv = newVar(s, v.location(), n);
        s.vars.put(n, nv);
        return nv;
    }

    /** Declares the variables of a parameter or {@code :=} pattern. */
    void declarePattern(Scope s, Term t, boolean assignment) {
        switch (t.kind()) {
            case VAR:
                if (!((Var) t).isWildcard()) {
                    declare(s, (Var) t, assignment);
                }
                break;
            case ARRAY:
                for (Term e : ((ArrayTerm) t).elements()) {
                    declarePattern(s, e, assignment);
                }
                break;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    declarePattern(s, e.value(), assignment);
                }
                break;
            default:
                break;
        }
    }

    // ---------------------------------------------------------------- mentions

    /** Names a body refers to without declaring them ({@code :=} and {@code some} names are scoped declarations). */
    private static void mentionsOf(Body b, Set<String> out) {
        Set<String> declared = new HashSet<>();
        Set<String> used = new HashSet<>();
        for (Literal l : b.literals()) {
            Expr e = l.expr();
            if (e instanceof Expr.Assign a) {
                patternNames(a.left(), declared);
                mentionsOf(a.right(), used);
            } else if (e instanceof Expr.SomeDecl sd) {
                for (Var v : sd.vars()) {
                    declared.add(v.name());
                }
            } else if (e instanceof Expr.SomeIn si) {
                if (si.key() != null) {
                    patternNames(si.key(), declared);
                }
                patternNames(si.value(), declared);
                mentionsOf(si.collection(), used);
            } else {
                mentionsOf(e, used);
            }
            for (With w : l.withs()) {
                mentionsOf(w.value(), used);
            }
        }
        used.removeAll(declared);
        out.addAll(used);
    }

    /** Names a body declares with {@code :=} or {@code some}. */
    static Set<String> declaredNames(Body b) {
        Set<String> out = new HashSet<>();
        for (Literal l : b.literals()) {
            Expr e = l.expr();
            if (e instanceof Expr.Assign a) {
                patternNames(a.left(), out);
            } else if (e instanceof Expr.SomeDecl sd) {
                for (Var v : sd.vars()) {
                    out.add(v.name());
                }
            } else if (e instanceof Expr.SomeIn si) {
                if (si.key() != null) {
                    patternNames(si.key(), out);
                }
                patternNames(si.value(), out);
            }
        }
        return out;
    }

    private static void patternNames(Term t, Set<String> out) {
        switch (t.kind()) {
            case VAR:
                out.add(((Var) t).name());
                break;
            case ARRAY:
                for (Term e : ((ArrayTerm) t).elements()) {
                    patternNames(e, out);
                }
                break;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    patternNames(e.value(), out);
                }
                break;
            default:
                break;
        }
    }

    private static void mentionsOf(Expr e, Set<String> out) {
        if (e instanceof Expr.TermExpr t) {
            mentionsOf(t.term(), out);
        } else if (e instanceof Expr.Unify u) {
            mentionsOf(u.left(), out);
            mentionsOf(u.right(), out);
        } else if (e instanceof Expr.Assign a) {
            mentionsOf(a.left(), out);
            mentionsOf(a.right(), out);
        } else if (e instanceof Expr.SomeDecl sd) {
            for (Var v : sd.vars()) {
                out.add(v.name());
            }
        } else if (e instanceof Expr.SomeIn si) {
            if (si.key() != null) {
                mentionsOf(si.key(), out);
            }
            mentionsOf(si.value(), out);
            mentionsOf(si.collection(), out);
        } else if (e instanceof Expr.Every ev) {
            mentionsOf(ev.domain(), out);
        }
    }

    private static void mentionsOf(Term t, Set<String> out) {
        switch (t.kind()) {
            case VAR:
                out.add(((Var) t).name());
                break;
            case REF: {
                Ref r = (Ref) t;
                mentionsOf(r.head(), out);
                for (Term o : r.operands()) {
                    mentionsOf(o, out);
                }
                break;
            }
            case ARRAY:
                for (Term e : ((ArrayTerm) t).elements()) {
                    mentionsOf(e, out);
                }
                break;
            case SET:
                for (Term e : ((SetTerm) t).elements()) {
                    mentionsOf(e, out);
                }
                break;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    mentionsOf(e.key(), out);
                    mentionsOf(e.value(), out);
                }
                break;
            case CALL:
                for (Term a : ((Call) t).args()) {
                    mentionsOf(a, out);
                }
                break;
            default:
                break;
        }
    }

    // ---------------------------------------------------------------- bodies

    /**
     * Resolves a body's statements in written order: a {@code :=} or {@code some} declaration is
     * in scope from its statement on (its right-hand side still sees the outer meaning).
     */
    Body resolveBody(Body b, Scope s) {
        List<Literal> out = new ArrayList<>(b.literals().size());
        for (Literal l : b.literals()) {
            out.add(resolveLiteral(l, s));
        }
        return new Body(b.location(), out);
    }

    private Literal resolveLiteral(Literal l, Scope s) {
        Expr e = l.expr();
        Expr r;
        if (e instanceof Expr.TermExpr t) {
            r = new Expr.TermExpr(t.location(), resolveTerm(t.term(), s));
        } else if (e instanceof Expr.Unify u) {
            r = new Expr.Unify(u.location(), resolveTerm(u.left(), s), resolveTerm(u.right(), s));
        } else if (e instanceof Expr.Assign a) {
            Term right = resolveTerm(a.right(), s);
            declarePattern(s, a.left(), true);
            Term left = resolveTerm(a.left(), s);
            checkAssignTarget(left, a.left());
            r = new Expr.Assign(a.location(), left, right);
        } else if (e instanceof Expr.SomeDecl sd) {
            List<Var> vs = new ArrayList<>();
            for (Var v : sd.vars()) {
                vs.add(declare(s, v, false));
            }
            r = new Expr.SomeDecl(sd.location(), vs);
        } else if (e instanceof Expr.SomeIn si) {
            Term coll = resolveTerm(si.collection(), s);
            if (si.key() != null) {
                declarePattern(s, si.key(), false);
            }
            declarePattern(s, si.value(), false);
            r = new Expr.SomeIn(si.location(), si.key() == null ? null : resolveTerm(si.key(), s),
                    resolveTerm(si.value(), s), coll);
        } else if (e instanceof Expr.Every ev) {
            Term domain = resolveTerm(ev.domain(), s);
            Set<String> mentions = new HashSet<>();
            mentionsOf(ev.body(), mentions);
            Scope inner = new Scope(s, mentions);
            Term key = ev.key() == null ? null : declare(inner, (Var) ev.key(), false);
            Term value = declare(inner, (Var) ev.value(), false);
            Body body = resolveBody(ev.body(), inner);
            Expr.Every every = new Expr.Every(ev.location(), key, value, domain, body);
            owned.put(every, inner.owned);
            r = every;
        } else {
            throw new IllegalStateException(e.toString());
        }
        List<With> withs = new ArrayList<>();
        for (With w : l.withs()) {
            withs.add(resolveWith(w, s));
        }
        return new Literal(l.location(), r, l.negated(), withs);
    }

    private void checkAssignTarget(Term resolved, Term written) {
        switch (resolved.kind()) {
            case VAR:
                return;
            case ARRAY:
                for (Term e : ((ArrayTerm) resolved).elements()) {
                    if (e.kind() == Term.Kind.REF || e.kind() == Term.Kind.CALL) {
                        throw error(e.location(), "cannot assign to " + e);
                    }
                }
                return;
            case OBJECT:
            case SCALAR:
                return;
            default:
                throw error(written.location(), "cannot assign to " + written);
        }
    }

    // ---------------------------------------------------------------- terms

    Term resolveTerm(Term t, Scope s) {
        switch (t.kind()) {
            case SCALAR:
                return t;
            case VAR:
                return resolveVar((Var) t, s);
            case REF:
                return resolveRef((Ref) t, s);
            case ARRAY: {
                ArrayTerm a = (ArrayTerm) t;
                List<Term> elems = new ArrayList<>(a.elements().size());
                boolean ground = true;
                for (Term e : a.elements()) {
                    Term r = resolveTerm(e, s);
                    ground &= r instanceof Scalar;
                    elems.add(r);
                }
                if (ground) {
                    Value[] vs = new Value[elems.size()];
                    for (int i = 0; i < vs.length; i++) {
                        vs[i] = ((Scalar) elems.get(i)).value();
                    }
                    return new Scalar(t.location(), ArrayValue.wrap(vs));
                }
                return new ArrayTerm(t.location(), elems);
            }
            case SET: {
                SetTerm st = (SetTerm) t;
                List<Term> elems = new ArrayList<>(st.elements().size());
                boolean ground = true;
                for (Term e : st.elements()) {
                    Term r = resolveTerm(e, s);
                    ground &= r instanceof Scalar;
                    elems.add(r);
                }
                if (ground) {
                    SetBuilder b = new SetBuilder();
                    for (Term e : elems) {
                        b.add(((Scalar) e).value());
                    }
                    return new Scalar(t.location(), b.build());
                }
                return new SetTerm(t.location(), elems);
            }
            case OBJECT: {
                ObjectTerm o = (ObjectTerm) t;
                List<ObjectTerm.Entry> entries = new ArrayList<>(o.entries().size());
                boolean ground = true;
                for (ObjectTerm.Entry e : o.entries()) {
                    Term k = resolveTerm(e.key(), s);
                    Term v = resolveTerm(e.value(), s);
                    ground &= k instanceof Scalar && v instanceof Scalar;
                    entries.add(new ObjectTerm.Entry(k, v));
                }
                if (ground) {
                    ObjectValue.Builder b = ObjectValue.builder();
                    for (ObjectTerm.Entry e : entries) {
                        Value k = ((Scalar) e.key()).value();
                        Value v = ((Scalar) e.value()).value();
                        Value prev = b.putIfAbsent(k, v);
                        if (prev != null && !prev.equals(v)) {
                            throw error(e.key().location(), "object keys must be unique: duplicate key " + k.toRegoString());
                        }
                    }
                    return new Scalar(t.location(), b.build());
                }
                return new ObjectTerm(t.location(), entries);
            }
            case ARRAY_COMPR: {
                ArrayCompr c = (ArrayCompr) t;
                Scope inner = comprehensionScope(s, c.body(), List.of(c.head()));
                Body body = resolveBody(c.body(), inner);
                Term head = resolveTerm(c.head(), inner);
                ArrayCompr r = new ArrayCompr(t.location(), head, body);
                owned.put(r, inner.owned);
                return r;
            }
            case SET_COMPR: {
                SetCompr c = (SetCompr) t;
                Scope inner = comprehensionScope(s, c.body(), List.of(c.head()));
                Body body = resolveBody(c.body(), inner);
                Term head = resolveTerm(c.head(), inner);
                SetCompr r = new SetCompr(t.location(), head, body);
                owned.put(r, inner.owned);
                return r;
            }
            case OBJECT_COMPR: {
                ObjectCompr c = (ObjectCompr) t;
                Scope inner = comprehensionScope(s, c.body(), List.of(c.key(), c.value()));
                Body body = resolveBody(c.body(), inner);
                Term key = resolveTerm(c.key(), inner);
                Term value = resolveTerm(c.value(), inner);
                ObjectCompr r = new ObjectCompr(t.location(), key, value, body);
                owned.put(r, inner.owned);
                return r;
            }
            case CALL:
                return resolveCall((Call) t, s);
            default:
                throw new IllegalStateException(t.kind().name());
        }
    }

    private Scope comprehensionScope(Scope outer, Body body, List<Term> heads) {
        Set<String> mentions = new HashSet<>();
        mentionsOf(body, mentions);
        for (Term h : heads) {
            mentionsOf(h, mentions);
        }
        return new Scope(outer, mentions);
    }

    private Term resolveVar(Var v, Scope s) {
        if (v.isWildcard()) {
            return newVar(s, v.location(), "_");
        }
        String n = v.name();
        Var local = s.lookup(n);
        if (local != null) {
            return new Var(v.location(), n, local.slot());
        }
        Term global = global(n, v.location());
        if (global != null) {
            return global;
        }
        // An implicit local belongs to the outermost body that mentions it.
        Scope owner = s;
        for (Scope x = s; x != null; x = x.parent) {
            if (x.mentions.contains(n)) {
                owner = x;
            }
        }
        Var nv = newVar(owner, v.location(), n);
        owner.vars.put(n, nv);
        return new Var(v.location(), n, nv.slot());
    }

    /** {@code input}, {@code data}, an import or a rule of the package, as a reference; else null. */
    private Term global(String n, Location loc) {
        if (n.equals("input")) {
            return new Ref(loc, new Var(loc, "input"), List.of(), Ref.Root.INPUT);
        }
        if (n.equals("data")) {
            return new Ref(loc, new Var(loc, "data"), List.of(), Ref.Root.DATA);
        }
        Import imp = module.imports().get(n);
        if (imp != null) {
            List<Term> ops = new ArrayList<>();
            for (int i = 1; i < imp.path().size(); i++) {
                ops.add(new Scalar(loc, StringValue.of(imp.path().get(i))));
            }
            boolean input = imp.path().get(0).equals("input");
            return new Ref(loc, new Var(loc, imp.path().get(0)), ops, input ? Ref.Root.INPUT : Ref.Root.DATA);
        }
        if (module.ruleNames().contains(n)) {
            List<Term> ops = new ArrayList<>();
            for (String p : module.packagePath()) {
                ops.add(new Scalar(loc, StringValue.of(p)));
            }
            ops.add(new Scalar(loc, StringValue.of(n)));
            return new Ref(loc, new Var(loc, "data"), ops, Ref.Root.DATA);
        }
        return null;
    }

    private Term resolveRef(Ref r, Scope s) {
        Term head = resolveTerm(r.head(), s);
        List<Term> ops = new ArrayList<>();
        Ref.Root root = Ref.Root.TERM;
        if (head instanceof Ref hr && hr.root() != Ref.Root.TERM) {
            ops.addAll(hr.operands());
            root = hr.root();
            head = hr.head();
        }
        for (Term o : r.operands()) {
            ops.add(resolveTerm(o, s));
        }
        return new Ref(r.location(), head, ops, root);
    }

    private Term resolveCall(Call c, Scope s) {
        if ("u-".equals(c.infix())) {
            throw error(c.location(), "unary - can only be used with numeric literals");
        }
        String first = c.name().contains(".") ? c.name().substring(0, c.name().indexOf('.')) : c.name();
        if (s.lookup(first) != null) {
            throw error(c.location(), "cannot call variable " + first);
        }
        CallTarget target = functionTarget(c.name(), c.location());
        if (target == null) {
            throw new RegoException(ErrorCode.TYPE, c.location(), compiler.options().compatibility() == Compatibility.REGORUS
                    ? "could not find function " + c.name() : "undefined function " + c.name());
        }
        List<Term> args = new ArrayList<>(c.args().size());
        for (Term a : c.args()) {
            args.add(resolveTerm(a, s));
        }
        int arity = target.arity();
        boolean exact = compiler.options().compatibility() == Compatibility.REGORUS && target instanceof Builtin b
                && !b.isRelation();
        if (arity >= 0 && args.size() != arity && (exact || args.size() != arity + 1)) {
            String name = target instanceof Builtin b ? b.name() : c.name();
            String msg = compiler.options().compatibility() == Compatibility.REGORUS
                    ? "`" + name + "` expects " + arity + (arity == 1 ? " argument" : " arguments")
                    : name + ": arity mismatch: have " + args.size() + " arguments, want " + arity;
            throw new RegoException(ErrorCode.TYPE, c.location(), msg);
        }
        String display = target instanceof RuleSet rs ? rs.path() : c.name();
        return new Call(c.location(), display, args, c.infix(), target);
    }

    /** Resolves a function name to a user function or builtin; null when there is none. */
    CallTarget functionTarget(String name, Location loc) {
        String[] parts = name.split("\\.");
        List<String> path = null;
        if (parts[0].equals("data")) {
            path = new ArrayList<>(List.of(parts).subList(1, parts.length));
        } else if (module.imports().containsKey(parts[0])) {
            Import imp = module.imports().get(parts[0]);
            if (imp.path().get(0).equals("data")) {
                path = new ArrayList<>(imp.path().subList(1, imp.path().size()));
                path.addAll(List.of(parts).subList(1, parts.length));
            }
        } else if (module.ruleNames().contains(parts[0])) {
            path = new ArrayList<>(module.packagePath());
            path.addAll(List.of(parts));
        }
        if (path != null) {
            DocNode n = compiler.node(path);
            if (n != null && n.function != null) {
                return n.function;
            }
            if (parts[0].equals("data")) {
                return null;
            }
        }
        return compiler.options().builtins().get(name);
    }

    private With resolveWith(With w, Scope s) {
        Term target = w.target();
        String rootName = null;
        Term head = target instanceof Ref r ? r.head() : target;
        if (head instanceof Var hv && s.lookup(hv.name()) == null) {
            rootName = hv.name();
        }
        Term resolvedTarget;
        if ("input".equals(rootName) || "data".equals(rootName)) {
            Term rt = resolveTerm(target, s);
            resolvedTarget = checkWithPath(rt, w);
        } else {
            String name = target instanceof Var v ? v.name() : dottedName(target);
            CallTarget fn = name == null ? null : functionTarget(name, w.location());
            if (fn != null) {
                resolvedTarget = new Call(target.location(), fn instanceof RuleSet rs ? rs.path() : name, List.of(),
                        Call.FUNCTION_REF, fn);
            } else {
                Term rt = resolveTerm(target, s);
                if (rt instanceof Ref rr && rr.root() != Ref.Root.TERM) {
                    resolvedTarget = checkWithPath(rt, w);
                } else {
                    throw error(w.location(), "with keyword target must reference input, data or a function: " + target);
                }
            }
        }
        Term value = null;
        if (resolvedTarget instanceof Call) {
            String vname = w.value() instanceof Var v ? v.name() : dottedName(w.value());
            if (vname != null && s.lookup(vname.split("\\.")[0]) == null) {
                CallTarget fn = functionTarget(vname, w.location());
                if (fn != null) {
                    value = new Call(w.value().location(), fn instanceof RuleSet rs ? rs.path() : vname, List.of(),
                            Call.FUNCTION_REF, fn);
                }
            }
        }
        if (value == null) {
            value = resolveTerm(w.value(), s);
        }
        return new With(w.location(), resolvedTarget, value);
    }

    private Term checkWithPath(Term rt, With w) {
        if (!(rt instanceof Ref rr) || rr.root() == Ref.Root.TERM) {
            throw error(w.location(), "with keyword target must reference input, data or a function");
        }
        for (Term o : rr.operands()) {
            if (!(o instanceof Scalar)) {
                throw error(w.location(), "with keyword target must be a constant path: " + w.target());
            }
        }
        return rt;
    }

    private static String dottedName(Term t) {
        if (!(t instanceof Ref r) || !(r.head() instanceof Var v)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(v.name());
        for (Term o : r.operands()) {
            if (o instanceof Scalar sc && sc.value() instanceof StringValue str) {
                sb.append('.').append(str.value());
            } else {
                return null;
            }
        }
        return sb.toString();
    }
}
