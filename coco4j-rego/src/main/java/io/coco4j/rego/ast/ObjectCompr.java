package io.coco4j.rego.ast;

/** {@code {key: value | body}}. */
public final class ObjectCompr extends Term {
    private final Term key;
    private final Term value;
    private final Body body;

    public ObjectCompr(Location location, Term key, Term value, Body body) {
        super(location);
        this.key = key;
        this.value = value;
        this.body = body;
    }

    public Term key() {
        return key;
    }

    public Term value() {
        return value;
    }

    public Body body() {
        return body;
    }

    @Override
    public Kind kind() {
        return Kind.OBJECT_COMPR;
    }

    @Override
    public String toString() {
        return "{" + key + ": " + value + " | " + body + "}";
    }
}
