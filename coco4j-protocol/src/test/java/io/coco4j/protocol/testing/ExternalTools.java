package io.coco4j.protocol.testing;

import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * System tools some tests drive (Debian's in-toto, for instance). A missing tool skips the test with
 * one loud line, except under {@code CI=true}, where it fails it: CI installs them ({@code ./run-tests}).
 */
public final class ExternalTools {

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private ExternalTools() {
    }

    /** The absolute path of an executable on the PATH (or given absolutely), or aborts the calling test. */
    public static Path require(String tool, String packageName) {
        Path found = locate(tool);
        if (found != null) {
            return found;
        }
        String why = "'" + tool + "' not found: install the Debian package " + packageName + " (./run-tests does)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + " (required when CI=true)");
        }
        if (WARNED.add(tool)) {
            System.err.println("*** SKIPPING TESTS THAT NEED " + tool + ": " + why + " ***");
        }
        throw new TestAbortedException(why);
    }

    private static Path locate(String tool) {
        if (tool.startsWith("/")) {
            return Files.isExecutable(Path.of(tool)) ? Path.of(tool) : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        return null;
    }
}
