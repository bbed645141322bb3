package io.coco4j.rego.compile;

import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.RegoException;
import io.coco4j.rego.ast.ArrayCompr;
import io.coco4j.rego.ast.ArrayTerm;
import io.coco4j.rego.ast.Body;
import io.coco4j.rego.ast.Call;
import io.coco4j.rego.ast.CallTarget;
import io.coco4j.rego.ast.Expr;
import io.coco4j.rego.ast.Literal;
import io.coco4j.rego.ast.Location;
import io.coco4j.rego.ast.ObjectCompr;
import io.coco4j.rego.ast.ObjectTerm;
import io.coco4j.rego.ast.Ref;
import io.coco4j.rego.ast.SetCompr;
import io.coco4j.rego.ast.SetTerm;
import io.coco4j.rego.ast.Term;
import io.coco4j.rego.ast.Var;
import io.coco4j.rego.ast.With;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Orders the statements of a body so that each runs once the variables it reads are bound
 * (keeping the written order where possible), reports variables nothing binds as unsafe, and
 * marks statements that iterate so the evaluator can run the others directly.
 */
final class Scheduler {
    /** The result: the reordered body, what is bound after it, and each statement's written position. */
    record Placed(Body body, BitSet boundAfter, int[] order) {
    }

    private static final class Info {
        final BitSet needs = new BitSet();
        final BitSet outs = new BitSet();
        int varA = -1;
        int varB = -1;
    }

    private final IdentityHashMap<Object, BitSet> owned;
    private final List<String> slotNames;

    Scheduler(IdentityHashMap<Object, BitSet> owned, List<String> slotNames) {
        this.owned = owned;
        this.slotNames = slotNames;
    }

    Placed schedule(Body body, BitSet bound0) {
        List<Literal> lits = body.literals();
        int n = lits.size();
        Info[] infos = new Info[n];
        for (int i = 0; i < n; i++) {
            infos[i] = analyze(lits.get(i));
        }
        BitSet bound = (BitSet) bound0.clone();
        boolean[] placed = new boolean[n];
        List<Literal> out = new ArrayList<>(n);
        int[] order = new int[n];
        int count = 0;
        while (count < n) {
            int pick = -1;
            for (int i = 0; i < n; i++) {
                if (!placed[i] && ready(infos[i], bound)) {
                    pick = i;
                    break;
                }
            }
            if (pick < 0) {
                for (int i = 0; i < n; i++) {
                    if (!placed[i]) {
                        throw unsafe(lits.get(i), infos[i], bound);
                    }
                }
            }
            Literal lit = lits.get(pick);
            out.add(rebuild(lit, bound));
            order[count++] = pick;
            placed[pick] = true;
            bound.or(infos[pick].outs);
            if (infos[pick].varA >= 0) {
                bound.set(infos[pick].varA);
                bound.set(infos[pick].varB);
            }
        }
        return new Placed(new Body(body.location(), out), bound, order);
    }

    /** Checks that a head term (rule key/value, comprehension head) only reads bound variables. */
    Term checkHead(Term t, BitSet bound) {
        Info info = new Info();
        value(t, info);
        BitSet missing = (BitSet) info.needs.clone();
        missing.andNot(bound);
        if (!missing.isEmpty()) {
            int slot = missing.nextSetBit(0);
            Var v = findVar(t, slot);
            throw new RegoException(ErrorCode.UNSAFE_VAR, v == null ? t.location() : v.location(),
                    "var " + slotNames.get(slot) + " is unsafe");
        }
        return rebuildTerm(t, bound);
    }

    private boolean ready(Info info, BitSet bound) {
        BitSet missing = (BitSet) info.needs.clone();
        missing.andNot(bound);
        if (!missing.isEmpty()) {
            return false;
        }
        return info.varA < 0 || bound.get(info.varA) || bound.get(info.varB);
    }

    private RegoException unsafe(Literal lit, Info info, BitSet bound) {
        BitSet missing = (BitSet) info.needs.clone();
        missing.andNot(bound);
        int slot = missing.isEmpty() ? info.varA : missing.nextSetBit(0);
        Var v = findVar(lit, slot);
        Location loc = v == null ? lit.location() : v.location();
        return new RegoException(ErrorCode.UNSAFE_VAR, loc, "var " + slotNames.get(slot) + " is unsafe");
    }

    // ---------------------------------------------------------------- analysis

    private Info analyze(Literal l) {
        Info info = new Info();
        Expr e = l.expr();
        if (e instanceof Expr.TermExpr t) {
            value(t.term(), info);
        } else if (e instanceof Expr.Unify u) {
            if (u.left() instanceof Var a && u.right() instanceof Var b) {
                info.varA = a.slot();
                info.varB = b.slot();
            } else {
                pattern(u.left(), info);
                pattern(u.right(), info);
            }
        } else if (e instanceof Expr.Assign a) {
            pattern(a.left(), info);
            value(a.right(), info);
        } else if (e instanceof Expr.SomeIn si) {
            value(si.collection(), info);
            if (si.key() != null) {
                pattern(si.key(), info);
            }
            pattern(si.value(), info);
        } else if (e instanceof Expr.Every ev) {
            value(ev.domain(), info);
            info.needs.or(captured(ev, ev.body(), ev.key(), ev.value()));
        }
        if (l.negated()) {
            BitSet all = (BitSet) info.outs.clone();
            if (info.varA >= 0) {
                all.set(info.varA);
                all.set(info.varB);
                info.varA = -1;
                info.varB = -1;
            }
            for (int s = all.nextSetBit(0); s >= 0; s = all.nextSetBit(s + 1)) {
                if (!isWildcard(s)) {
                    info.needs.set(s);
                }
            }
            info.outs.clear();
        }
        for (With w : l.withs()) {
            value(w.value(), info);
        }
        return info;
    }

    private boolean isWildcard(int slot) {
        return slotNames.get(slot).equals("_");
    }

    private void value(Term t, Info info) {
        switch (t.kind()) {
            case VAR:
                info.needs.set(((Var) t).slot());
                break;
            case REF: {
                Ref r = (Ref) t;
                if (r.root() == Ref.Root.TERM) {
                    value(r.head(), info);
                }
                for (Term o : r.operands()) {
                    switch (o.kind()) {
                        case VAR:
                            info.outs.set(((Var) o).slot());
                            break;
                        case ARRAY:
                        case OBJECT:
                            pattern(o, info);
                            break;
                        default:
                            value(o, info);
                    }
                }
                break;
            }
            case ARRAY:
                for (Term e : ((ArrayTerm) t).elements()) {
                    value(e, info);
                }
                break;
            case SET:
                for (Term e : ((SetTerm) t).elements()) {
                    value(e, info);
                }
                break;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    value(e.key(), info);
                    value(e.value(), info);
                }
                break;
            case ARRAY_COMPR: {
                ArrayCompr c = (ArrayCompr) t;
                info.needs.or(captured(c, c.body(), c.head()));
                break;
            }
            case SET_COMPR: {
                SetCompr c = (SetCompr) t;
                info.needs.or(captured(c, c.body(), c.head()));
                break;
            }
            case OBJECT_COMPR: {
                ObjectCompr c = (ObjectCompr) t;
                info.needs.or(captured(c, c.body(), c.key(), c.value()));
                break;
            }
            case CALL: {
                Call c = (Call) t;
                CallTarget target = c.target();
                int arity = target == null ? -1 : target.arity();
                List<Term> args = c.args();
                for (int i = 0; i < args.size(); i++) {
                    if (arity >= 0 && i == arity) {
                        pattern(args.get(i), info);
                    } else {
                        value(args.get(i), info);
                    }
                }
                break;
            }
            default:
                break;
        }
    }

    private void pattern(Term t, Info info) {
        switch (t.kind()) {
            case VAR:
                info.outs.set(((Var) t).slot());
                break;
            case ARRAY:
                for (Term e : ((ArrayTerm) t).elements()) {
                    pattern(e, info);
                }
                break;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    value(e.key(), info);
                    pattern(e.value(), info);
                }
                break;
            default:
                value(t, info);
        }
    }

    /** The outer variables a comprehension or {@code every} reads: all it mentions minus its own locals. */
    private BitSet captured(Object node, Body body, Term... heads) {
        BitSet all = new BitSet();
        collectSlots(body, all);
        for (Term h : heads) {
            if (h != null) {
                collectSlots(h, all);
            }
        }
        BitSet own = owned.get(node);
        if (own != null) {
            all.andNot(own);
        }
        return all;
    }

    private void collectSlots(Body b, BitSet out) {
        for (Literal l : b.literals()) {
            collectSlots(l.expr(), out);
            for (With w : l.withs()) {
                collectSlots(w.value(), out);
            }
        }
    }

    private void collectSlots(Expr e, BitSet out) {
        if (e instanceof Expr.TermExpr t) {
            collectSlots(t.term(), out);
        } else if (e instanceof Expr.Unify u) {
            collectSlots(u.left(), out);
            collectSlots(u.right(), out);
        } else if (e instanceof Expr.Assign a) {
            collectSlots(a.left(), out);
            collectSlots(a.right(), out);
        } else if (e instanceof Expr.SomeIn si) {
            if (si.key() != null) {
                collectSlots(si.key(), out);
            }
            collectSlots(si.value(), out);
            collectSlots(si.collection(), out);
        } else if (e instanceof Expr.Every ev) {
            collectSlots(ev.domain(), out);
            if (ev.key() != null) {
                collectSlots(ev.key(), out);
            }
            collectSlots(ev.value(), out);
            collectSlots(ev.body(), out);
        } else if (e instanceof Expr.SomeDecl sd) {
            for (Var v : sd.vars()) {
                out.set(v.slot());
            }
        }
    }

    private void collectSlots(Term t, BitSet out) {
        switch (t.kind()) {
            case VAR:
                if (((Var) t).slot() >= 0) {
                    out.set(((Var) t).slot());
                }
                break;
            case REF: {
                Ref r = (Ref) t;
                if (r.root() == Ref.Root.TERM) {
                    collectSlots(r.head(), out);
                }
                for (Term o : r.operands()) {
                    collectSlots(o, out);
                }
                break;
            }
            case ARRAY:
                for (Term e : ((ArrayTerm) t).elements()) {
                    collectSlots(e, out);
                }
                break;
            case SET:
                for (Term e : ((SetTerm) t).elements()) {
                    collectSlots(e, out);
                }
                break;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    collectSlots(e.key(), out);
                    collectSlots(e.value(), out);
                }
                break;
            case ARRAY_COMPR:
                collectSlots(((ArrayCompr) t).head(), out);
                collectSlots(((ArrayCompr) t).body(), out);
                break;
            case SET_COMPR:
                collectSlots(((SetCompr) t).head(), out);
                collectSlots(((SetCompr) t).body(), out);
                break;
            case OBJECT_COMPR:
                collectSlots(((ObjectCompr) t).key(), out);
                collectSlots(((ObjectCompr) t).value(), out);
                collectSlots(((ObjectCompr) t).body(), out);
                break;
            case CALL:
                for (Term a : ((Call) t).args()) {
                    collectSlots(a, out);
                }
                break;
            default:
                break;
        }
    }

    // ---------------------------------------------------------------- rebuilding

    private Literal rebuild(Literal l, BitSet bound) {
        Expr e = l.expr();
        boolean iterates = false;
        Expr r;
        if (e instanceof Expr.TermExpr t) {
            iterates = iterates(t.term(), bound);
            r = new Expr.TermExpr(t.location(), rebuildTerm(t.term(), bound));
        } else if (e instanceof Expr.Unify u) {
            iterates = iterates(u.left(), bound) || iterates(u.right(), bound);
            r = new Expr.Unify(u.location(), rebuildTerm(u.left(), bound), rebuildTerm(u.right(), bound));
        } else if (e instanceof Expr.Assign a) {
            iterates = iterates(a.right(), bound);
            r = new Expr.Assign(a.location(), a.left(), rebuildTerm(a.right(), bound));
        } else if (e instanceof Expr.SomeIn si) {
            iterates = true;
            r = new Expr.SomeIn(si.location(), si.key(), si.value(), rebuildTerm(si.collection(), bound));
        } else if (e instanceof Expr.Every ev) {
            BitSet inner = (BitSet) bound.clone();
            if (ev.key() != null) {
                inner.set(((Var) ev.key()).slot());
            }
            inner.set(((Var) ev.value()).slot());
            Placed body = schedule(ev.body(), inner);
            r = new Expr.Every(ev.location(), ev.key(), ev.value(), rebuildTerm(ev.domain(), bound), body.body());
        } else {
            r = e;
        }
        List<With> withs = new ArrayList<>();
        for (With w : l.withs()) {
            withs.add(new With(w.location(), w.target(), rebuildTerm(w.value(), bound)));
        }
        return new Literal(l.location(), r, l.negated(), withs, iterates);
    }

    /** True when evaluating {@code t} iterates: a reference operand is an unbound variable. */
    private boolean iterates(Term t, BitSet bound) {
        switch (t.kind()) {
            case REF: {
                Ref r = (Ref) t;
                if (r.root() == Ref.Root.TERM && iterates(r.head(), bound)) {
                    return true;
                }
                for (Term o : r.operands()) {
                    if (o instanceof Var v) {
                        if (!bound.get(v.slot())) {
                            return true;
                        }
                    } else if (o.kind() == Term.Kind.ARRAY || o.kind() == Term.Kind.OBJECT) {
                        if (hasUnbound(o, bound)) {
                            return true;
                        }
                    } else if (iterates(o, bound)) {
                        return true;
                    }
                }
                return false;
            }
            case ARRAY:
                for (Term e : ((ArrayTerm) t).elements()) {
                    if (iterates(e, bound)) {
                        return true;
                    }
                }
                return false;
            case SET:
                for (Term e : ((SetTerm) t).elements()) {
                    if (iterates(e, bound)) {
                        return true;
                    }
                }
                return false;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    if (iterates(e.key(), bound) || iterates(e.value(), bound)) {
                        return true;
                    }
                }
                return false;
            case CALL: {
                Call c = (Call) t;
                if (c.target() instanceof io.coco4j.rego.builtins.Builtin b && b.isRelation()) {
                    return true;
                }
                for (Term a : c.args()) {
                    if (iterates(a, bound)) {
                        return true;
                    }
                }
                return false;
            }
            default:
                return false;
        }
    }

    private boolean hasUnbound(Term t, BitSet bound) {
        BitSet s = new BitSet();
        collectSlots(t, s);
        s.andNot(bound);
        return !s.isEmpty();
    }

    private Term rebuildTerm(Term t, BitSet bound) {
        switch (t.kind()) {
            case REF: {
                Ref r = (Ref) t;
                List<Term> ops = new ArrayList<>(r.operands().size());
                boolean changed = false;
                for (Term o : r.operands()) {
                    Term x = rebuildTerm(o, bound);
                    changed |= x != o;
                    ops.add(x);
                }
                Term head = r.root() == Ref.Root.TERM ? rebuildTerm(r.head(), bound) : r.head();
                if (!changed && head == r.head()) {
                    return t;
                }
                return new Ref(r.location(), head, ops, r.root());
            }
            case ARRAY: {
                List<Term> es = new ArrayList<>();
                boolean changed = false;
                for (Term e : ((ArrayTerm) t).elements()) {
                    Term x = rebuildTerm(e, bound);
                    changed |= x != e;
                    es.add(x);
                }
                return changed ? new ArrayTerm(t.location(), es) : t;
            }
            case SET: {
                List<Term> es = new ArrayList<>();
                boolean changed = false;
                for (Term e : ((SetTerm) t).elements()) {
                    Term x = rebuildTerm(e, bound);
                    changed |= x != e;
                    es.add(x);
                }
                return changed ? new SetTerm(t.location(), es) : t;
            }
            case OBJECT: {
                List<ObjectTerm.Entry> es = new ArrayList<>();
                boolean changed = false;
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    Term k = rebuildTerm(e.key(), bound);
                    Term v = rebuildTerm(e.value(), bound);
                    changed |= k != e.key() || v != e.value();
                    es.add(new ObjectTerm.Entry(k, v));
                }
                return changed ? new ObjectTerm(t.location(), es) : t;
            }
            case CALL: {
                Call c = (Call) t;
                List<Term> as = new ArrayList<>();
                boolean changed = false;
                for (Term a : c.args()) {
                    Term x = rebuildTerm(a, bound);
                    changed |= x != a;
                    as.add(x);
                }
                return changed ? new Call(c.location(), c.name(), as, c.infix(), c.target()) : t;
            }
            case ARRAY_COMPR: {
                ArrayCompr c = (ArrayCompr) t;
                Placed p = schedule(c.body(), bound);
                return new ArrayCompr(c.location(), checkHead(c.head(), p.boundAfter()), p.body());
            }
            case SET_COMPR: {
                SetCompr c = (SetCompr) t;
                Placed p = schedule(c.body(), bound);
                return new SetCompr(c.location(), checkHead(c.head(), p.boundAfter()), p.body());
            }
            case OBJECT_COMPR: {
                ObjectCompr c = (ObjectCompr) t;
                Placed p = schedule(c.body(), bound);
                return new ObjectCompr(c.location(), checkHead(c.key(), p.boundAfter()), checkHead(c.value(), p.boundAfter()),
                        p.body());
            }
            default:
                return t;
        }
    }

    // ---------------------------------------------------------------- locating variables for messages

    private Var findVar(Literal l, int slot) {
        Expr e = l.expr();
        List<Term> terms = new ArrayList<>();
        if (e instanceof Expr.TermExpr t) {
            terms.add(t.term());
        } else if (e instanceof Expr.Unify u) {
            terms.add(u.left());
            terms.add(u.right());
        } else if (e instanceof Expr.Assign a) {
            terms.add(a.left());
            terms.add(a.right());
        } else if (e instanceof Expr.SomeIn si) {
            terms.add(si.collection());
        } else if (e instanceof Expr.Every ev) {
            terms.add(ev.domain());
            for (Literal bl : ev.body().literals()) {
                Var v = findVar(bl, slot);
                if (v != null) {
                    return v;
                }
            }
        }
        for (With w : l.withs()) {
            terms.add(w.value());
        }
        for (Term t : terms) {
            Var v = findVar(t, slot);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private Var findVar(Term t, int slot) {
        switch (t.kind()) {
            case VAR:
                return ((Var) t).slot() == slot ? (Var) t : null;
            case REF: {
                Ref r = (Ref) t;
                Var v = r.root() == Ref.Root.TERM ? findVar(r.head(), slot) : null;
                for (int i = 0; v == null && i < r.operands().size(); i++) {
                    v = findVar(r.operands().get(i), slot);
                }
                return v;
            }
            case ARRAY:
                for (Term e : ((ArrayTerm) t).elements()) {
                    Var v = findVar(e, slot);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            case SET:
                for (Term e : ((SetTerm) t).elements()) {
                    Var v = findVar(e, slot);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    Var v = findVar(e.key(), slot);
                    if (v == null) {
                        v = findVar(e.value(), slot);
                    }
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            case CALL:
                for (Term a : ((Call) t).args()) {
                    Var v = findVar(a, slot);
                    if (v != null) {
                        return v;
                    }
                }
                return null;
            case ARRAY_COMPR:
                return findInBody(((ArrayCompr) t).body(), ((ArrayCompr) t).head(), slot);
            case SET_COMPR:
                return findInBody(((SetCompr) t).body(), ((SetCompr) t).head(), slot);
            case OBJECT_COMPR:
                return findInBody(((ObjectCompr) t).body(), ((ObjectCompr) t).value(), slot);
            default:
                return null;
        }
    }

    private Var findInBody(Body b, Term head, int slot) {
        for (Literal l : b.literals()) {
            Var v = findVar(l, slot);
            if (v != null) {
                return v;
            }
        }
        return findVar(head, slot);
    }
}
