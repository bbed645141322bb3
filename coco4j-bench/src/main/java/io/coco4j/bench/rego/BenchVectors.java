package io.coco4j.bench.rego;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared test vectors for benchmarks: env {@code COCO4J_VECTORS}, else {@code ../shared/vectors}. */
final class BenchVectors {
    private BenchVectors() {
    }

    static Path root() {
        String env = System.getenv("COCO4J_VECTORS");
        if (env != null && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        for (Path p : new Path[] {Path.of("../shared/vectors"), Path.of("../../shared/vectors")}) {
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("test vectors not found: set COCO4J_VECTORS");
    }
}
