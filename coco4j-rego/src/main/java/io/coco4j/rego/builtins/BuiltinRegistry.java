package io.coco4j.rego.builtins;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/** The builtins a policy can call, by name. Immutable once built; host functions are added with {@link #with}. */
public final class BuiltinRegistry {
    private final Map<String, Builtin> byName;

    private BuiltinRegistry(Map<String, Builtin> byName) {
        this.byName = byName;
    }

    /** Every builtin this engine implements. */
    public static BuiltinRegistry standard() {
        Map<String, Builtin> m = new HashMap<>();
        for (BuiltinFamily f : BuiltinFamily.all()) {
            for (Builtin b : f.builtins()) {
                if (m.put(b.name(), b) != null) {
                    throw new IllegalStateException("builtin registered twice: " + b.name());
                }
            }
        }
        return new BuiltinRegistry(Collections.unmodifiableMap(m));
    }

    /** A copy with {@code b} added (replacing a builtin of the same name). */
    public BuiltinRegistry with(Builtin b) {
        Map<String, Builtin> m = new HashMap<>(byName);
        m.put(b.name(), b);
        return new BuiltinRegistry(Collections.unmodifiableMap(m));
    }

    /** The builtin called {@code name}, or null. */
    public Builtin get(String name) {
        return byName.get(name);
    }

    public Collection<Builtin> all() {
        return byName.values();
    }
}
