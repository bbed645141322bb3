package io.coco4j.kbs.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The shared test vectors: {@code COCO4J_VECTORS}, else {@code <repository root>/../shared/vectors}.
 * Without them the calling test is skipped with one line on stderr, except under {@code CI=true},
 * where their absence fails the test.
 */
public final class TestVectors {

    private static final java.util.Set<String> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private TestVectors() {
    }

    /** The folder {@code relative} inside the vectors, or the test is skipped (or failed under CI). */
    public static Path folder(String relative) {
        Path root = root();
        Path folder = root == null ? null : root.resolve(relative);
        if (folder == null || !Files.isDirectory(folder)) {
            String message = "test vectors not found (" + (folder == null ? "set COCO4J_VECTORS" : folder)
                    + "): skipping tests that need " + relative;
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            if (REPORTED.add(relative)) {
                System.err.println("SKIPPED " + message);
            }
            Assumptions.abort(message);
        }
        return folder;
    }

    private static Path root() {
        String env = System.getenv("COCO4J_VECTORS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String repo = System.getProperty("coco4j.root");
        if (repo == null || repo.isBlank()) {
            repo = Path.of("").toAbsolutePath().getParent().toString();
        }
        return Path.of(repo).resolve("../shared/vectors").normalize();
    }
}
