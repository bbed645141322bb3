package io.coco4j.rego.value;

import java.util.TreeSet;

/** Collects set elements; duplicates collapse. */
public final class SetBuilder {
    private final TreeSet<Value> elements = new TreeSet<>(ValueOrder.COMPARATOR);

    public SetBuilder add(Value v) {
        elements.add(v);
        return this;
    }

    public SetBuilder addAll(SetValue s) {
        elements.addAll(s.elements());
        return this;
    }

    public int size() {
        return elements.size();
    }

    public SetValue build() {
        return SetValue.wrapSorted(elements.toArray(new Value[0]));
    }
}
