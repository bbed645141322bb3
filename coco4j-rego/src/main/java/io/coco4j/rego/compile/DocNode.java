package io.coco4j.rego.compile;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node of the virtual document tree under {@code data}: packages and rule paths. A node may
 * hold a complete rule, a partial set, a function, partial-object rules (whose variable keys
 * extend below the node), and children.
 */
public final class DocNode {
    private final int id;
    private final String name;
    private final List<String> path;
    private final Map<String, DocNode> children = new TreeMap<>();
    RuleSet complete;
    RuleSet set;
    RuleSet function;
    RuleSet objects;
    boolean isPackage;

    DocNode(int id, String name, List<String> path) {
        this.id = id;
        this.name = name;
        this.path = List.copyOf(path);
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** Path below {@code data}. */
    public List<String> path() {
        return path;
    }

    public Map<String, DocNode> children() {
        return Collections.unmodifiableMap(children);
    }

    public DocNode child(String name) {
        return children.get(name);
    }

    Map<String, DocNode> mutableChildren() {
        return children;
    }

    public RuleSet complete() {
        return complete;
    }

    public RuleSet set() {
        return set;
    }

    public RuleSet function() {
        return function;
    }

    public RuleSet objects() {
        return objects;
    }

    public boolean isPackage() {
        return isPackage;
    }

    /** True when the node's value comes from one rule set (not assembled from children). */
    public boolean hasValueRule() {
        return complete != null || set != null;
    }

    public String pathString() {
        return path.isEmpty() ? "data" : "data." + String.join(".", path);
    }

    @Override
    public String toString() {
        return pathString();
    }
}
