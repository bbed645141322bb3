package io.coco4j.rego.value;

/** The kinds of Rego value, in Rego's canonical sort order (null sorts first, sets last). */
public enum ValueType {
    NULL("null"),
    BOOLEAN("boolean"),
    NUMBER("number"),
    STRING("string"),
    ARRAY("array"),
    OBJECT("object"),
    SET("set");

    private final String typeName;

    ValueType(String typeName) {
        this.typeName = typeName;
    }

    /** The name {@code type_name} returns and error messages use. */
    public String typeName() {
        return typeName;
    }
}
