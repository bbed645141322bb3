package io.coco4j.rego.ast;

/** {@code [head | body]}. */
public final class ArrayCompr extends Term {
    private final Term head;
    private final Body body;

    public ArrayCompr(Location location, Term head, Body body) {
        super(location);
        this.head = head;
        this.body = body;
    }

    public Term head() {
        return head;
    }

    public Body body() {
        return body;
    }

    @Override
    public Kind kind() {
        return Kind.ARRAY_COMPR;
    }

    @Override
    public String toString() {
        return "[" + head + " | " + body + "]";
    }
}
