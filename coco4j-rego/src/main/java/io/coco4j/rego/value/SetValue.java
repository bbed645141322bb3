package io.coco4j.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.TreeSet;

/** An immutable Rego set; elements are kept in canonical sort order. */
public final class SetValue implements Value {
    public static final SetValue EMPTY = new SetValue(new Value[0]);
    private static final int INDEX_THRESHOLD = 8;

    private final Value[] sorted;
    private volatile HashSet<Value> index;
    private int hash;

    private SetValue(Value[] sorted) {
        this.sorted = sorted;
    }

    public static SetValue of(Value... elements) {
        return of(Arrays.asList(elements));
    }

    public static SetValue of(Collection<? extends Value> elements) {
        if (elements.isEmpty()) {
            return EMPTY;
        }
        TreeSet<Value> tree = new TreeSet<>(ValueOrder.COMPARATOR);
        tree.addAll(elements);
        return new SetValue(tree.toArray(new Value[0]));
    }

    /** Takes ownership of an array already sorted and free of duplicates. */
    static SetValue wrapSorted(Value[] sorted) {
        return sorted.length == 0 ? EMPTY : new SetValue(sorted);
    }

    public int size() {
        return sorted.length;
    }

    public boolean isEmpty() {
        return sorted.length == 0;
    }

    public boolean contains(Value v) {
        if (sorted.length <= INDEX_THRESHOLD) {
            for (Value e : sorted) {
                if (e.equals(v)) {
                    return true;
                }
            }
            return false;
        }
        HashSet<Value> idx = index;
        if (idx == null) {
            idx = new HashSet<>(Arrays.asList(sorted));
            index = idx;
        }
        return idx.contains(v);
    }

    /** The elements in canonical order, read-only. */
    public List<Value> elements() {
        return new View(sorted);
    }

    public Value get(int i) {
        return sorted[i];
    }

    public SetValue union(SetValue o) {
        if (o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        Value[] out = new Value[sorted.length + o.sorted.length];
        int i = 0, j = 0, n = 0;
        while (i < sorted.length && j < o.sorted.length) {
            int c = ValueOrder.compare(sorted[i], o.sorted[j]);
            if (c < 0) {
                out[n++] = sorted[i++];
            } else if (c > 0) {
                out[n++] = o.sorted[j++];
            } else {
                out[n++] = sorted[i++];
                j++;
            }
        }
        while (i < sorted.length) {
            out[n++] = sorted[i++];
        }
        while (j < o.sorted.length) {
            out[n++] = o.sorted[j++];
        }
        return new SetValue(n == out.length ? out : Arrays.copyOf(out, n));
    }

    public SetValue intersection(SetValue o) {
        Value[] out = new Value[Math.min(sorted.length, o.sorted.length)];
        int n = 0;
        for (Value v : sorted) {
            if (o.contains(v)) {
                out[n++] = v;
            }
        }
        return wrapSorted(Arrays.copyOf(out, n));
    }

    public SetValue difference(SetValue o) {
        Value[] out = new Value[sorted.length];
        int n = 0;
        for (Value v : sorted) {
            if (!o.contains(v)) {
                out[n++] = v;
            }
        }
        return n == sorted.length ? this : wrapSorted(Arrays.copyOf(out, n));
    }

    @Override
    public ValueType type() {
        return ValueType.SET;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof SetValue s) || s.sorted.length != sorted.length || s.hashCode() != hashCode()) {
            return false;
        }
        return Arrays.equals(sorted, s.sorted);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(sorted) * 31 + 7;
            h = h == 0 ? 1 : h;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return RegoText.of(this);
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
