package io.coco4j.rego.ast;

/** Where a piece of policy text starts: file name, 1-based line and column. */
public record Location(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
