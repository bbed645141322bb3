package io.coco4j.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/** An immutable Rego array. */
public final class ArrayValue implements Value {
    public static final ArrayValue EMPTY = new ArrayValue(new Value[0]);

    private final Value[] elements;
    private int hash;

    private ArrayValue(Value[] elements) {
        this.elements = elements;
    }

    /** Takes ownership of {@code elements}: the caller must not modify the array afterwards. */
    public static ArrayValue wrap(Value[] elements) {
        return elements.length == 0 ? EMPTY : new ArrayValue(elements);
    }

    public static ArrayValue of(Value... elements) {
        return wrap(elements.clone());
    }

    public static ArrayValue of(List<? extends Value> elements) {
        return wrap(elements.toArray(new Value[0]));
    }

    public int size() {
        return elements.length;
    }

    public boolean isEmpty() {
        return elements.length == 0;
    }

    public Value get(int i) {
        return elements[i];
    }

    /** A read-only list view. */
    public List<Value> asList() {
        return new View(elements);
    }

    /** A copy of the elements. */
    public Value[] toArray() {
        return elements.clone();
    }

    @Override
    public ValueType type() {
        return ValueType.ARRAY;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ArrayValue a) || a.elements.length != elements.length || a.hashCode() != hashCode()) {
            return false;
        }
        return Arrays.equals(elements, a.elements);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(elements);
            h = h == 0 ? 1 : h;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return Json.write(this);
    }

    private static final class View extends AbstractList<Value> implements RandomAccess {
        private final Value[] elements;

        View(Value[] elements) {
            this.elements = elements;
        }

        @Override
        public Value get(int index) {
            return elements[index];
        }

        @Override
        public int size() {
            return elements.length;
        }
    }
}
