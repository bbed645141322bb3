package io.coco4j.bench.tdx;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared vectors for the benchmarks: {@code -Dcoco4j.vectors}, {@code COCO4J_VECTORS}, or {@code ../shared/vectors} above the working directory. */
final class TdxVectors {

    private TdxVectors() {
    }

    static Path dir() {
        String configured = System.getProperty("coco4j.vectors", System.getenv("COCO4J_VECTORS"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/vectors").normalize();
            if (Files.isDirectory(candidate.resolve("tdx"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("TDX benchmarks need the shared vectors: set -Dcoco4j.vectors or COCO4J_VECTORS");
    }
}
