package io.coco4j.rego.value;

/**
 * An immutable Rego value. Undefined is not a value: APIs that may yield no value say so in
 * their return type (a nullable reference inside the engine, {@code Optional} at the public edge).
 *
 * <p>Values compare in Rego's canonical order ({@link ValueType}), and equality is by value:
 * {@code 1}, {@code 1.0} and {@code 1e0} are the same number.
 */
public sealed interface Value extends Comparable<Value>
        permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

    ValueType type();

    @Override
    default int compareTo(Value other) {
        return ValueOrder.compare(this, other);
    }

    /** Rego source text for this value (strings quoted), as {@code print} and {@code sprintf("%v")} render composites. */
    default String toRegoString() {
        return RegoText.of(this);
    }
}
