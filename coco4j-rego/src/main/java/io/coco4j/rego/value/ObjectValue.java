package io.coco4j.rego.value;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.TreeMap;

/** An immutable Rego object; keys may be any value and are kept in canonical sort order. */
public final class ObjectValue implements Value {
    public static final ObjectValue EMPTY = new ObjectValue(new Value[0], new Value[0]);
    private static final int INDEX_THRESHOLD = 8;

    private final Value[] keys;
    private final Value[] values;
    private volatile HashMap<Value, Integer> index;
    private int hash;

    private ObjectValue(Value[] keys, Value[] values) {
        this.keys = keys;
        this.values = values;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An object from a map; for string keys use {@link #ofStrings}. */
    public static ObjectValue of(Map<? extends Value, ? extends Value> map) {
        Builder b = builder();
        map.forEach(b::put);
        return b.build();
    }

    public static ObjectValue ofStrings(Map<String, ? extends Value> map) {
        Builder b = builder();
        map.forEach((k, v) -> b.put(StringValue.of(k), v));
        return b.build();
    }

    public int size() {
        return keys.length;
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** The value under {@code key}, or null when absent. */
    public Value get(Value key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    public Value get(String key) {
        return get(StringValue.of(key));
    }

    public boolean containsKey(Value key) {
        return indexOf(key) >= 0;
    }

    private int indexOf(Value key) {
        Value[] ks = keys;
        if (ks.length <= INDEX_THRESHOLD) {
            for (int i = 0; i < ks.length; i++) {
                if (ks[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }
        HashMap<Value, Integer> idx = index;
        if (idx == null) {
            idx = new HashMap<>(ks.length * 2);
            for (int i = 0; i < ks.length; i++) {
                idx.put(ks[i], i);
            }
            index = idx;
        }
        Integer i = idx.get(key);
        return i == null ? -1 : i;
    }

    /** Keys in canonical order, read-only. */
    public List<Value> keys() {
        return new View(keys);
    }

    /** Values in key order, read-only. */
    public List<Value> values() {
        return new View(values);
    }

    public Value keyAt(int i) {
        return keys[i];
    }

    public Value valueAt(int i) {
        return values[i];
    }

    /** A copy with {@code key} set to {@code value}. */
    public ObjectValue with(Value key, Value value) {
        int i = indexOf(key);
        if (i >= 0) {
            Value[] vs = values.clone();
            vs[i] = value;
            return new ObjectValue(keys, vs);
        }
        int pos = Arrays.binarySearch(keys, key, ValueOrder.COMPARATOR);
        int ins = -pos - 1;
        Value[] ks = new Value[keys.length + 1];
        Value[] vs = new Value[keys.length + 1];
        System.arraycopy(keys, 0, ks, 0, ins);
        System.arraycopy(values, 0, vs, 0, ins);
        ks[ins] = key;
        vs[ins] = value;
        System.arraycopy(keys, ins, ks, ins + 1, keys.length - ins);
        System.arraycopy(values, ins, vs, ins + 1, keys.length - ins);
        return new ObjectValue(ks, vs);
    }

    /** A copy without {@code key}. */
    public ObjectValue without(Value key) {
        int i = indexOf(key);
        if (i < 0) {
            return this;
        }
        Value[] ks = new Value[keys.length - 1];
        Value[] vs = new Value[keys.length - 1];
        System.arraycopy(keys, 0, ks, 0, i);
        System.arraycopy(values, 0, vs, 0, i);
        System.arraycopy(keys, i + 1, ks, i, keys.length - i - 1);
        System.arraycopy(values, i + 1, vs, i, keys.length - i - 1);
        return new ObjectValue(ks, vs);
    }

    @Override
    public ValueType type() {
        return ValueType.OBJECT;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof ObjectValue ob) || ob.keys.length != keys.length || ob.hashCode() != hashCode()) {
            return false;
        }
        return Arrays.equals(keys, ob.keys) && Arrays.equals(values, ob.values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(keys) * 31 + Arrays.hashCode(values);
            h = h == 0 ? 1 : h;
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return Json.write(this);
    }

    /** Collects entries; a later {@code put} of an existing key replaces the value. */
    public static final class Builder {
        private final TreeMap<Value, Value> map = new TreeMap<>(ValueOrder.COMPARATOR);

        public Builder put(Value key, Value value) {
            map.put(key, value);
            return this;
        }

        public Builder put(String key, Value value) {
            return put(StringValue.of(key), value);
        }

        /** Puts unless the key is present; returns the value already there, or null. */
        public Value putIfAbsent(Value key, Value value) {
            return map.putIfAbsent(key, value);
        }

        public Value get(Value key) {
            return map.get(key);
        }

        public int size() {
            return map.size();
        }

        public ObjectValue build() {
            if (map.isEmpty()) {
                return EMPTY;
            }
            Value[] ks = new Value[map.size()];
            Value[] vs = new Value[map.size()];
            int i = 0;
            for (Map.Entry<Value, Value> e : map.entrySet()) {
                ks[i] = e.getKey();
                vs[i++] = e.getValue();
            }
            return new ObjectValue(ks, vs);
        }
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
