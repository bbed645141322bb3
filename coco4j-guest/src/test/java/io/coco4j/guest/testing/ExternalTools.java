package io.coco4j.guest.testing;

import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * System tools some tests drive (swtpm, tpm2-tools, the Go toolchain). A missing tool skips the
 * test with one loud line, except under {@code CI=true}, where it fails: {@code ./run-tests}
 * installs them.
 */
public final class ExternalTools {

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private ExternalTools() {
    }

    /** The tool's path on {@code PATH}, or aborts (skips) the calling test. */
    public static Path require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return missing(tool + " not found (Debian package " + debianPackage + ")");
    }

    /** A file a Debian package installs, or aborts (skips) the calling test. */
    public static Path requireFile(Path file, String debianPackage) {
        if (Files.exists(file)) {
            return file;
        }
        return missing(file + " not found (Debian package " + debianPackage + ")");
    }

    private static Path missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + "; required when CI=true (./run-tests installs it)");
        }
        if (WARNED.add(why)) {
            System.err.println("*** SKIPPING TESTS THAT NEED IT: " + why + " ***");
        }
        throw new TestAbortedException(why);
    }
}
