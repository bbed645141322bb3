package io.coco4j.rego.ast;

import java.util.List;

/** {@code import data.a.b as c}: {@code path} starts with the root ({@code data}, {@code input}, {@code future}, {@code rego}). */
public record Import(Location location, List<String> path, String alias) {
    /** The name the import binds: the alias, or the last path element. */
    public String name() {
        return alias != null ? alias : path.get(path.size() - 1);
    }

    @Override
    public String toString() {
        return "import " + String.join(".", path) + (alias == null ? "" : " as " + alias);
    }
}
