package io.coco4j.rego.builtins;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.coco4j.rego.Compatibility;
import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.value.ArrayValue;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.ObjectValue;
import io.coco4j.rego.value.SetValue;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code json.*} and {@code yaml.*}: (un)marshalling, validation, filter, remove and RFC 6902 patch. */
final class JsonBuiltins implements BuiltinFamily {
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("json.marshal", 1, (a, c) -> StringValue.of(marshal(a[0], c))),
                SimpleBuiltin.of("json.marshal_with_options", 2, JsonBuiltins::marshalWithOptions),
                SimpleBuiltin.of("json.unmarshal", 1, (a, c) -> unmarshal("json.unmarshal", Operands.string("json.unmarshal", a, 0, c))),
                SimpleBuiltin.of("json.is_valid", 1, (a, c) -> BooleanValue.of(isValid(a[0]))),
                SimpleBuiltin.of("yaml.marshal", 1, (a, c) -> StringValue.of(yamlMarshal(a[0]))),
                SimpleBuiltin.of("yaml.unmarshal", 1, (a, c) -> yamlUnmarshal(Operands.string("yaml.unmarshal", a, 0, c))),
                SimpleBuiltin.of("yaml.is_valid", 1, (a, c) -> BooleanValue.of(a[0] instanceof StringValue s && yamlValid(s.value()))),
                SimpleBuiltin.of("json.filter", 2, JsonBuiltins::filter),
                SimpleBuiltin.of("json.remove", 2, JsonBuiltins::remove),
                SimpleBuiltin.of("json.patch", 2, JsonPatch::apply));
    }

    /** Compact JSON; OPA (via Go) escapes {@code < > &}, regorus does not. */
    static String marshal(Value v, BuiltinContext c) {
        String s = Json.write(v);
        if (c.compatibility() == Compatibility.OPA) {
            s = s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        }
        return s;
    }

    private static Value marshalWithOptions(Value[] a, BuiltinContext c) {
        ObjectValue opts = Operands.object("json.marshal_with_options", a, 1, c);
        String prefix = "";
        String indent = "\t";
        boolean pretty = false;
        for (int i = 0; i < opts.size(); i++) {
            String k = opts.keyAt(i) instanceof StringValue s ? s.value() : "";
            Value v = opts.valueAt(i);
            switch (k) {
                case "pretty":
                    if (!(v instanceof BooleanValue b)) {
                        throw Operands.failure("json.marshal_with_options", "pretty option must be a boolean");
                    }
                    pretty = b.value();
                    break;
                case "indent":
                    if (!(v instanceof StringValue s)) {
                        throw Operands.failure("json.marshal_with_options", "indent option must be a string");
                    }
                    indent = s.value();
                    pretty = pretty || !opts.containsKey(StringValue.of("pretty"));
                    break;
                case "prefix":
                    if (!(v instanceof StringValue s)) {
                        throw Operands.failure("json.marshal_with_options", "prefix option must be a string");
                    }
                    prefix = s.value();
                    pretty = pretty || !opts.containsKey(StringValue.of("pretty"));
                    break;
                default:
                    throw Operands.failure("json.marshal_with_options", "object contained unknown key " + Json.write(opts.keyAt(i)));
            }
        }
        if (!pretty) {
            return StringValue.of(marshal(a[0], c));
        }
        StringBuilder sb = new StringBuilder();
        indented(sb, a[0], prefix, indent, 0);
        String s = sb.toString();
        if (c.compatibility() == Compatibility.OPA) {
            s = s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        }
        return StringValue.of(s);
    }

    /** Go's json.MarshalIndent layout. */
    private static void indented(StringBuilder sb, Value v, String prefix, String indent, int depth) {
        List<Value> items = null;
        ObjectValue obj = null;
        if (v instanceof ArrayValue arr) {
            items = arr.asList();
        } else if (v instanceof SetValue set) {
            items = set.elements();
        } else if (v instanceof ObjectValue o) {
            obj = o;
        }
        if (items != null) {
            if (items.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < items.size(); i++) {
                sb.append(i == 0 ? "" : ",").append('\n').append(prefix).append(indent.repeat(depth + 1));
                indented(sb, items.get(i), prefix, indent, depth + 1);
            }
            sb.append('\n').append(prefix).append(indent.repeat(depth)).append(']');
            return;
        }
        if (obj != null) {
            if (obj.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            for (int i = 0; i < obj.size(); i++) {
                sb.append(i == 0 ? "" : ",").append('\n').append(prefix).append(indent.repeat(depth + 1));
                Value k = obj.keyAt(i);
                Json.write(sb, k instanceof StringValue ? k : StringValue.of(Json.write(k)));
                sb.append(": ");
                indented(sb, obj.valueAt(i), prefix, indent, depth + 1);
            }
            sb.append('\n').append(prefix).append(indent.repeat(depth)).append('}');
            return;
        }
        Json.write(sb, v);
    }

    static Value unmarshal(String name, String s) {
        try {
            return Json.parse(s);
        } catch (IllegalArgumentException e) {
            throw new BuiltinException(ErrorCode.EVAL_BUILTIN, name + ": " + e.getMessage());
        }
    }

    private static boolean isValid(Value v) {
        if (!(v instanceof StringValue s)) {
            return false;
        }
        try {
            Json.parse(s.value());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String yamlMarshal(Value v) {
        try {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = YAML.createGenerator(w)) {
                Json.generate(g, v);
            }
            return w.toString();
        } catch (IOException e) {
            throw Operands.failure("yaml.marshal", e.getMessage());
        }
    }

    /** Every document of the stream must parse. */
    static boolean yamlValid(String s) {
        try (JsonParser p = YAML.createParser(s)) {
            while (p.nextToken() != null) {
                // read everything
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static Value yamlUnmarshal(String s) {
        try (JsonParser p = YAML.createParser(s)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return io.coco4j.rego.value.NullValue.INSTANCE;
            }
            return Json.read(p);
        } catch (IOException | RuntimeException e) {
            throw Operands.failure("yaml.unmarshal", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- filter / remove

    /** Paths as lists of segments; strings are {@code a/b/c} (a leading slash is ignored). */
    private static List<List<Value>> paths(String name, Value v, BuiltinContext c) {
        List<Value> items;
        if (v instanceof ArrayValue arr) {
            items = arr.asList();
        } else if (v instanceof SetValue set) {
            items = set.elements();
        } else {
            throw Operands.typeError(name, 1, "one of {set, array}", "set/array", v, c);
        }
        List<List<Value>> out = new ArrayList<>();
        for (Value p : items) {
            List<Value> segs = new ArrayList<>();
            if (p instanceof StringValue s) {
                String str = s.value().startsWith("/") ? s.value().substring(1) : s.value();
                if (!str.isEmpty()) {
                    for (String seg : str.split("/", -1)) {
                        segs.add(StringValue.of(seg.replace("~1", "/").replace("~0", "~")));
                    }
                }
            } else if (p instanceof ArrayValue arr) {
                segs.addAll(arr.asList());
            } else {
                throw Operands.typeError(name, 1, "set or array of strings or arrays", "set/array of paths", v, c);
            }
            out.add(segs);
        }
        return out;
    }

    /** A trie of paths; a node with {@code leaf} set selects its whole subtree. */
    private static final class PathTree {
        final Map<Value, PathTree> children = new HashMap<>();
        boolean leaf;

        void add(List<Value> path) {
            PathTree n = this;
            for (Value seg : path) {
                if (n.leaf) {
                    return;
                }
                n = n.children.computeIfAbsent(seg, k -> new PathTree());
            }
            n.leaf = true;
            n.children.clear();
        }

        PathTree child(Value key) {
            return children.get(key);
        }

        /** Array positions are named by the decimal string of the index. */
        PathTree index(int i) {
            return children.get(StringValue.of(Integer.toString(i)));
        }
    }

    private static Value filter(Value[] a, BuiltinContext c) {
        ObjectValue o = Operands.object("json.filter", a, 0, c);
        PathTree tree = new PathTree();
        for (List<Value> p : paths("json.filter", a[1], c)) {
            tree.add(p);
        }
        Value r = keep(o, tree);
        return r == null ? ObjectValue.EMPTY : r;
    }

    private static Value keep(Value v, PathTree t) {
        if (t.leaf) {
            return v;
        }
        if (v instanceof ObjectValue o) {
            ObjectValue.Builder b = ObjectValue.builder();
            for (int i = 0; i < o.size(); i++) {
                PathTree ct = t.child(o.keyAt(i));
                if (ct != null) {
                    Value kept = keep(o.valueAt(i), ct);
                    if (kept != null) {
                        b.put(o.keyAt(i), kept);
                    }
                }
            }
            return b.build();
        }
        if (v instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                PathTree ct = t.index(i);
                if (ct != null) {
                    Value kept = keep(arr.get(i), ct);
                    if (kept != null) {
                        out.add(kept);
                    }
                }
            }
            return ArrayValue.of(out);
        }
        if (v instanceof SetValue set) {
            List<Value> out = new ArrayList<>();
            for (Value e : set.elements()) {
                PathTree ct = t.child(e);
                if (ct != null) {
                    Value kept = keep(e, ct);
                    if (kept != null) {
                        out.add(kept);
                    }
                }
            }
            return SetValue.of(out);
        }
        return null;
    }

    private static Value remove(Value[] a, BuiltinContext c) {
        ObjectValue o = Operands.object("json.remove", a, 0, c);
        PathTree tree = new PathTree();
        for (List<Value> p : paths("json.remove", a[1], c)) {
            tree.add(p);
        }
        return drop(o, tree);
    }

    private static Value drop(Value v, PathTree t) {
        if (v instanceof ObjectValue o) {
            ObjectValue.Builder b = ObjectValue.builder();
            for (int i = 0; i < o.size(); i++) {
                PathTree ct = t.child(o.keyAt(i));
                if (ct == null) {
                    b.put(o.keyAt(i), o.valueAt(i));
                } else if (!ct.leaf) {
                    b.put(o.keyAt(i), drop(o.valueAt(i), ct));
                }
            }
            return b.build();
        }
        if (v instanceof ArrayValue arr) {
            List<Value> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                PathTree ct = t.index(i);
                if (ct == null) {
                    out.add(arr.get(i));
                } else if (!ct.leaf) {
                    out.add(drop(arr.get(i), ct));
                }
            }
            return ArrayValue.of(out);
        }
        if (v instanceof SetValue set) {
            List<Value> out = new ArrayList<>();
            for (Value e : set.elements()) {
                PathTree ct = t.child(e);
                if (ct == null) {
                    out.add(e);
                } else if (!ct.leaf) {
                    out.add(drop(e, ct));
                }
            }
            return SetValue.of(out);
        }
        return v;
    }
}
