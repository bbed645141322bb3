package io.coco4j.rego.compile;

import io.coco4j.rego.ast.Module;
import java.util.List;

/** The result of compiling a set of modules: the virtual document tree and its rule sets. */
public final class CompiledPolicy {
    private final DocNode root;
    private final List<RuleSet> ruleSets;
    private final int nodeCount;
    private final List<Module> modules;
    private final CompileOptions options;

    CompiledPolicy(DocNode root, List<RuleSet> ruleSets, int nodeCount, List<Module> modules, CompileOptions options) {
        this.root = root;
        this.ruleSets = List.copyOf(ruleSets);
        this.nodeCount = nodeCount;
        this.modules = List.copyOf(modules);
        this.options = options;
    }

    public DocNode root() {
        return root;
    }

    public List<RuleSet> ruleSets() {
        return ruleSets;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public List<Module> modules() {
        return modules;
    }

    public CompileOptions options() {
        return options;
    }

    /** The node at {@code path} below {@code data}, or null. */
    public DocNode node(List<String> path) {
        DocNode n = root;
        for (String s : path) {
            n = n.child(s);
            if (n == null) {
                return null;
            }
        }
        return n;
    }
}
