package io.coco4j.rego;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;

/**
 * Finds the shared test vectors: env {@code COCO4J_VECTORS}, else {@code <repo root>/../shared/vectors}.
 * When neither exists the vector tests are skipped with one loud line, except under {@code CI=true},
 * where a missing vectors folder fails.
 */
public final class Vectors {
    private Vectors() {
    }

    public static Optional<Path> root() {
        String env = System.getenv("COCO4J_VECTORS");
        if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env))) {
            return Optional.of(Path.of(env));
        }
        String repo = System.getProperty("coco4j.root");
        if (repo != null) {
            Path p = Path.of(repo).resolve("../shared/vectors").normalize();
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail("test vectors not found: set COCO4J_VECTORS or place them at <repo>/../shared/vectors");
        }
        System.err.println("*** SKIPPING vector tests: test vectors not found (set COCO4J_VECTORS) ***");
        return Optional.empty();
    }
}
