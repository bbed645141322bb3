package io.coco4j.rego.ast;

import java.util.List;

/**
 * A reference {@code head.a[b][c]}: a head term followed by operands. Dot operands are string
 * scalars. After compilation a reference rooted at {@code data} or {@code input} has a
 * {@link Root} other than {@code TERM}, and its head is the root variable.
 */
public final class Ref extends Term {
    /** What the head of a compiled reference denotes. */
    public enum Root { TERM, DATA, INPUT }

    private final Term head;
    private final List<Term> operands;
    private final Root root;

    public Ref(Location location, Term head, List<Term> operands) {
        this(location, head, operands, Root.TERM);
    }

    public Ref(Location location, Term head, List<Term> operands, Root root) {
        super(location);
        this.head = head;
        this.operands = List.copyOf(operands);
        this.root = root;
    }

    public Term head() {
        return head;
    }

    public List<Term> operands() {
        return operands;
    }

    public Root root() {
        return root;
    }

    @Override
    public Kind kind() {
        return Kind.REF;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(head);
        for (Term t : operands) {
            if (t instanceof Scalar s && s.value() instanceof io.coco4j.rego.value.StringValue str
                    && Names.isIdentifier(str.value())) {
                sb.append('.').append(str.value());
            } else {
                sb.append('[').append(t).append(']');
            }
        }
        return sb.toString();
    }
}
