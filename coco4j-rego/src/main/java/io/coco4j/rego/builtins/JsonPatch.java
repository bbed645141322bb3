package io.coco4j.rego.builtins;

import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6902 JSON Patch over values ({@code json.patch}). Paths are JSON pointers or arrays of
 * segments (which may name set members by value). An operation that does not apply makes the
 * result undefined; removing the root leaves no document until something is added there.
 */
final class JsonPatch {
    /** The document after the root was removed. */
    private static final Value NOTHING = StringValue.of("\u0000removed");

    private JsonPatch() {
    }

    /** Signals that an operation does not apply. */
    private static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(String m) {
            super(m, null, false, false);
        }
    }

    static Value apply(Value[] a, BuiltinContext c) {
        Value doc = a[0];
        ArrayValue ops = Operands.array("json.patch", a, 1, c);
        try {
            for (Value opv : ops.asList()) {
                if (!(opv instanceof ObjectValue op)) {
                    throw Operands.typeError("json.patch", 1, "array of objects", "array of objects", a[1], c);
                }
                doc = applyOne(doc, op);
            }
            return doc == NOTHING ? null : doc;
        } catch (Failed f) {
            return null;
        }
    }

    private static Value applyOne(Value doc, ObjectValue op) {
        String kind = op.get("op") instanceof StringValue s ? s.value() : null;
        if (kind == null) {
            throw new Failed("missing op");
        }
        List<Value> path = pointer(op.get("path"));
        switch (kind) {
            case "add":
                return add(doc, path, 0, required(op, "value"));
            case "remove":
                return remove(doc, path, 0);
            case "replace":
                get(doc, path);
                return add(remove(doc, path, 0), path, 0, required(op, "value"));
            case "move": {
                List<Value> from = pointer(op.get("from"));
                Value v = get(doc, from);
                return add(remove(doc, from, 0), path, 0, v);
            }
            case "copy": {
                List<Value> from = pointer(op.get("from"));
                return add(doc, path, 0, get(doc, from));
            }
            case "test":
                if (!get(doc, path).equals(required(op, "value"))) {
                    throw new Failed("test failed");
                }
                return doc;
            default:
                throw new Failed("unknown op " + kind);
        }
    }

    private static Value required(ObjectValue op, String key) {
        Value v = op.get(key);
        if (v == null) {
            throw new Failed("missing " + key);
        }
        return v;
    }

    private static List<Value> pointer(Value p) {
        List<Value> out = new ArrayList<>();
        if (p instanceof ArrayValue arr) {
            out.addAll(arr.asList());
            return out;
        }
        if (!(p instanceof StringValue s)) {
            throw new Failed("invalid path");
        }
        String str = s.value();
        if (str.isEmpty()) {
            return out;
        }
        if (!str.startsWith("/")) {
            throw new Failed("invalid path");
        }
        for (String seg : str.substring(1).split("/", -1)) {
            out.add(StringValue.of(seg.replace("~1", "/").replace("~0", "~")));
        }
        return out;
    }

    private static int index(Value seg, int size, boolean allowEnd) {
        long i;
        if (seg instanceof StringValue s) {
            if (allowEnd && s.value().equals("-")) {
                return size;
            }
            if (!s.value().matches("0|[1-9][0-9]{0,8}")) {
                throw new Failed("bad index");
            }
            i = Long.parseLong(s.value());
        } else if (seg instanceof NumberValue n && n.isLong()) {
            i = n.longValue();
        } else {
            throw new Failed("bad index");
        }
        if (i < 0 || i > size || (!allowEnd && i == size)) {
            throw new Failed("index out of range");
        }
        return (int) i;
    }

    private static Value get(Value doc, List<Value> path) {
        if (doc == NOTHING) {
            throw new Failed("no document");
        }
        Value cur = doc;
        for (Value seg : path) {
            if (cur instanceof ObjectValue o) {
                cur = o.get(seg);
            } else if (cur instanceof ArrayValue arr) {
                cur = arr.get(index(seg, arr.size(), false));
            } else if (cur instanceof SetValue set) {
                cur = set.contains(seg) ? seg : null;
            } else {
                cur = null;
            }
            if (cur == null) {
                throw new Failed("path not found");
            }
        }
        return cur;
    }

    private static Value add(Value doc, List<Value> path, int i, Value v) {
        if (i == path.size()) {
            return v;
        }
        if (doc == NOTHING) {
            throw new Failed("no document");
        }
        Value seg = path.get(i);
        boolean last = i == path.size() - 1;
        if (doc instanceof ObjectValue o) {
            if (last) {
                return o.with(seg, v);
            }
            Value child = o.get(seg);
            if (child == null) {
                throw new Failed("path not found");
            }
            return o.with(seg, add(child, path, i + 1, v));
        }
        if (doc instanceof ArrayValue arr) {
            List<Value> items = new ArrayList<>(arr.asList());
            if (last) {
                items.add(index(seg, items.size(), true), v);
            } else {
                int idx = index(seg, items.size(), false);
                items.set(idx, add(items.get(idx), path, i + 1, v));
            }
            return ArrayValue.of(items);
        }
        if (doc instanceof SetValue set) {
            List<Value> items = new ArrayList<>(set.elements());
            if (last) {
                items.add(v);
            } else {
                if (!set.contains(seg)) {
                    throw new Failed("path not found");
                }
                items.remove(seg);
                items.add(add(seg, path, i + 1, v));
            }
            return SetValue.of(items);
        }
        throw new Failed("path not found");
    }

    private static Value remove(Value doc, List<Value> path, int i) {
        if (doc == NOTHING) {
            throw new Failed("no document");
        }
        if (path.isEmpty()) {
            return NOTHING;
        }
        Value seg = path.get(i);
        boolean last = i == path.size() - 1;
        if (doc instanceof ObjectValue o) {
            Value child = o.get(seg);
            if (child == null) {
                throw new Failed("path not found");
            }
            return last ? o.without(seg) : o.with(seg, remove(child, path, i + 1));
        }
        if (doc instanceof ArrayValue arr) {
            List<Value> items = new ArrayList<>(arr.asList());
            int idx = index(seg, items.size(), false);
            if (last) {
                items.remove(idx);
            } else {
                items.set(idx, remove(items.get(idx), path, i + 1));
            }
            return ArrayValue.of(items);
        }
        if (doc instanceof SetValue set) {
            if (!set.contains(seg)) {
                throw new Failed("path not found");
            }
            List<Value> items = new ArrayList<>(set.elements());
            items.remove(seg);
            if (!last) {
                items.add(remove(seg, path, i + 1));
            }
            return SetValue.of(items);
        }
        throw new Failed("path not found");
    }
}
