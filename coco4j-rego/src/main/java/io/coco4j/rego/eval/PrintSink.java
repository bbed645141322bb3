package io.coco4j.rego.eval;

import io.coco4j.rego.ast.Location;

/** Receives the output of {@code print} calls. */
@FunctionalInterface
public interface PrintSink {
    PrintSink DISCARD = (location, message) -> { };

    void print(Location location, String message);
}
