package io.coco4j.rego.compile;

import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.RegoError;
import io.coco4j.rego.ast.ArrayCompr;
import io.coco4j.rego.ast.ArrayTerm;
import io.coco4j.rego.ast.Body;
import io.coco4j.rego.ast.Call;
import io.coco4j.rego.ast.Expr;
import io.coco4j.rego.ast.Literal;
import io.coco4j.rego.ast.ObjectCompr;
import io.coco4j.rego.ast.ObjectTerm;
import io.coco4j.rego.ast.Ref;
import io.coco4j.rego.ast.Scalar;
import io.coco4j.rego.ast.SetCompr;
import io.coco4j.rego.ast.SetTerm;
import io.coco4j.rego.ast.Term;
import io.coco4j.rego.ast.With;
import io.coco4j.rego.value.StringValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds rules that depend on themselves, as OPA's compiler does ({@code rego_recursion_error}),
 * by following calls and {@code data} references. A reference that may reach any document under
 * a node (it ends there, or continues with a variable) depends on every rule below that node.
 */
final class RecursionCheck {
    private final DocNode root;
    private final List<Set<RuleSet>> edges = new ArrayList<>();

    private RecursionCheck(DocNode root, List<RuleSet> ruleSets) {
        this.root = root;
        for (int i = 0; i < ruleSets.size(); i++) {
            edges.add(new LinkedHashSet<>());
        }
    }

    static void check(DocNode root, List<RuleSet> ruleSets, List<RegoError> errors) {
        RecursionCheck rc = new RecursionCheck(root, ruleSets);
        for (RuleSet rs : ruleSets) {
            Set<RuleSet> out = rc.edges.get(rs.id());
            for (CompiledRule r : rs.rules()) {
                rc.rule(r, out);
            }
            if (rs.defaultRule() != null && rs.defaultRule().value() != null) {
                rc.term(rs.defaultRule().value(), out);
            }
        }
        int[] state = new int[ruleSets.size()];
        for (RuleSet rs : ruleSets) {
            List<RuleSet> path = new ArrayList<>();
            List<RuleSet> cycle = rc.findCycle(rs, state, path);
            if (cycle != null) {
                RuleSet first = cycle.get(0);
                StringBuilder sb = new StringBuilder("rule ").append(first.path()).append(" is recursive: ");
                for (int i = 0; i < cycle.size(); i++) {
                    sb.append(i == 0 ? "" : " -> ").append(cycle.get(i).path());
                }
                sb.append(" -> ").append(first.path());
                errors.add(new RegoError(ErrorCode.RECURSION, first.location(), sb.toString()));
                return;
            }
        }
    }

    /** Depth-first search without recursion (policies may chain thousands of rules). */
    private List<RuleSet> findCycle(RuleSet start, int[] state, List<RuleSet> path) {
        if (state[start.id()] != 0) {
            return null;
        }
        List<java.util.Iterator<RuleSet>> iters = new ArrayList<>();
        state[start.id()] = 1;
        path.add(start);
        iters.add(edges.get(start.id()).iterator());
        while (!path.isEmpty()) {
            java.util.Iterator<RuleSet> it = iters.get(iters.size() - 1);
            if (!it.hasNext()) {
                RuleSet done = path.remove(path.size() - 1);
                iters.remove(iters.size() - 1);
                state[done.id()] = 2;
                continue;
            }
            RuleSet next = it.next();
            if (state[next.id()] == 1) {
                return new ArrayList<>(path.subList(path.indexOf(next), path.size()));
            }
            if (state[next.id()] == 0) {
                state[next.id()] = 1;
                path.add(next);
                iters.add(edges.get(next.id()).iterator());
            }
        }
        return null;
    }

    private void rule(CompiledRule r, Set<RuleSet> out) {
        for (CompiledRule b = r; b != null; b = b.elseRule()) {
            if (b.args() != null) {
                b.args().forEach(t -> term(t, out));
            }
            if (b.key() != null) {
                term(b.key(), out);
            }
            if (b.keys() != null) {
                b.keys().forEach(t -> term(t, out));
            }
            if (b.value() != null) {
                term(b.value(), out);
            }
            if (b.body() != null) {
                body(b.body(), out);
            }
        }
    }

    private void body(Body b, Set<RuleSet> out) {
        for (Literal l : b.literals()) {
            Expr e = l.expr();
            if (e instanceof Expr.TermExpr t) {
                term(t.term(), out);
            } else if (e instanceof Expr.Unify u) {
                term(u.left(), out);
                term(u.right(), out);
            } else if (e instanceof Expr.Assign a) {
                term(a.left(), out);
                term(a.right(), out);
            } else if (e instanceof Expr.SomeIn si) {
                term(si.collection(), out);
            } else if (e instanceof Expr.Every ev) {
                term(ev.domain(), out);
                body(ev.body(), out);
            }
            for (With w : l.withs()) {
                term(w.value(), out);
            }
        }
    }

    private void term(Term t, Set<RuleSet> out) {
        switch (t.kind()) {
            case REF: {
                Ref r = (Ref) t;
                if (r.root() == Ref.Root.TERM) {
                    term(r.head(), out);
                } else if (r.root() == Ref.Root.DATA) {
                    dataRef(r.operands(), out);
                }
                r.operands().forEach(o -> term(o, out));
                break;
            }
            case CALL: {
                Call c = (Call) t;
                if (c.target() instanceof RuleSet rs) {
                    out.add(rs);
                }
                c.args().forEach(a -> term(a, out));
                break;
            }
            case ARRAY:
                ((ArrayTerm) t).elements().forEach(e -> term(e, out));
                break;
            case SET:
                ((SetTerm) t).elements().forEach(e -> term(e, out));
                break;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    term(e.key(), out);
                    term(e.value(), out);
                }
                break;
            case ARRAY_COMPR:
                term(((ArrayCompr) t).head(), out);
                body(((ArrayCompr) t).body(), out);
                break;
            case SET_COMPR:
                term(((SetCompr) t).head(), out);
                body(((SetCompr) t).body(), out);
                break;
            case OBJECT_COMPR:
                term(((ObjectCompr) t).key(), out);
                term(((ObjectCompr) t).value(), out);
                body(((ObjectCompr) t).body(), out);
                break;
            default:
                break;
        }
    }

    private void dataRef(List<Term> ops, Set<RuleSet> out) {
        DocNode n = root;
        for (Term op : ops) {
            if (n.complete != null || n.set != null) {
                addAt(n, out);
                return;
            }
            if (n.objects != null) {
                out.add(n.objects);
            }
            String name = op instanceof Scalar s ? (s.value() instanceof StringValue str ? str.value()
                    : s.value() instanceof io.coco4j.rego.value.NumberValue num ? num.toString() : null) : null;
            if (name == null) {
                subtree(n, out);
                return;
            }
            DocNode c = n.child(name);
            if (c == null) {
                return;
            }
            n = c;
        }
        subtree(n, out);
    }

    private static void addAt(DocNode n, Set<RuleSet> out) {
        // Functions are not documents: only calls depend on them.
        for (RuleSet rs : new RuleSet[] {n.complete, n.set, n.objects}) {
            if (rs != null) {
                out.add(rs);
            }
        }
    }

    private static void subtree(DocNode n, Set<RuleSet> out) {
        addAt(n, out);
        for (DocNode c : n.children().values()) {
            subtree(c, out);
        }
    }
}
