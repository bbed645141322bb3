package io.coco4j.rego;

import java.util.Objects;

/** One policy file: a name used in error locations and print output, and its Rego text. */
public record PolicySource(String name, String text) {
    public PolicySource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
