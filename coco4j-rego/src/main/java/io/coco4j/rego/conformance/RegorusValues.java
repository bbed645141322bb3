package io.coco4j.rego.conformance;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.RegoText;
import io.coco4j.rego.value.SetBuilder;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;

/**
 * Decodes the expected values of regorus' case files: {@code "#undefined"} stands for an undefined
 * value, {@code {set!: [...]}} for a set and {@code {object!: [{key, value}]}} for an object with
 * non-string keys.
 */
final class RegorusValues {
    /** Marks an undefined value inside a result list. */
    static final Value UNDEFINED = StringValue.of("#undefined");

    private RegorusValues() {
    }

    static Value decode(Value v) {
        switch (v.type()) {
            case STRING:
                return v;
            case ARRAY: {
                ArrayValue a = (ArrayValue) v;
                Value[] out = new Value[a.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = decode(a.get(i));
                }
                return ArrayValue.wrap(out);
            }
            case OBJECT: {
                ObjectValue o = (ObjectValue) v;
                if (o.size() == 1 && o.get("set!") instanceof ArrayValue items) {
                    SetBuilder b = new SetBuilder();
                    for (Value item : items.asList()) {
                        b.add(decode(item));
                    }
                    return b.build();
                }
                if (o.size() == 1 && o.get("object!") instanceof ArrayValue items) {
                    ObjectValue.Builder b = ObjectValue.builder();
                    for (Value item : items.asList()) {
                        ObjectValue e = (ObjectValue) item;
                        b.put(decode(e.get("key")), decode(e.get("value")));
                    }
                    return b.build();
                }
                ObjectValue.Builder b = ObjectValue.builder();
                for (int i = 0; i < o.size(); i++) {
                    Value d = decode(o.valueAt(i));
                    if (!UNDEFINED.equals(d)) {
                        b.put(decode(o.keyAt(i)), d);
                    }
                }
                return b.build();
            }
            default:
                return v;
        }
    }

    static boolean equal(Value want, Value got) {
        return want.equals(got);
    }

    static String render(Value v) {
        return RegoText.of(v);
    }
}
