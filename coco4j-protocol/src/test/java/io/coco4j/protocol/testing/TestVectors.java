package io.coco4j.protocol.testing;

import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Locates the shared test-vector folder: {@code COCO4J_VECTORS}, else {@code ../shared/vectors}
 * beside the checkout. Without it, vector tests are skipped with one loud line, except under
 * {@code CI=true}, where a missing folder fails the test.
 */
public final class TestVectors {

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private TestVectors() {
    }

    /** The vectors folder, or aborts (skips) the calling test. */
    public static Path dir() {
        Path found = locate();
        if (found != null) {
            return found;
        }
        String why = "test vectors not found: set COCO4J_VECTORS or place the shared folder at ../shared/vectors";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + " (required when CI=true)");
        }
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("*** SKIPPING VECTOR TESTS: " + why + " ***");
        }
        throw new TestAbortedException(why);
    }

    /** A file or folder inside the vectors folder; fails if the folder exists but the file does not. */
    public static Path resolve(String relative) {
        Path path = dir().resolve(relative);
        if (!Files.exists(path)) {
            Assertions.fail("missing vector " + path);
        }
        return path;
    }

    private static Path locate() {
        String env = System.getenv("COCO4J_VECTORS");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isDirectory(p) ? p.toAbsolutePath() : null;
        }
        String root = System.getProperty("coco4j.root");
        Path base = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path dir = base; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/vectors").normalize();
            if (Files.isDirectory(candidate) && Files.exists(dir.resolve("pom.xml"))) {
                return candidate;
            }
        }
        return null;
    }
}
