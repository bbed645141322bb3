package io.coco4j.rego.ast;

import java.util.List;

/** One parsed policy file. */
public record Module(String file, Location location, List<String> packagePath, List<Import> imports,
        List<Rule> rules, RegoVersion version, List<String> lines) {
    public Module {
        packagePath = List.copyOf(packagePath);
        imports = List.copyOf(imports);
        rules = List.copyOf(rules);
    }

    /** {@code data.a.b} for {@code package a.b}. */
    public String packageRef() {
        return "data." + String.join(".", packagePath);
    }
}
