package io.coco4j.image.testing;

import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the external tools interop tests run (skopeo, umoci, go, docker-registry, openssl). A missing
 * tool skips the test with one loud line, except under {@code CI=true}, where it fails: CI installs them.
 */
public final class Tools {

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Tools() {
    }

    public static Path require(String name) {
        Path found = find(name);
        if (found != null) {
            return found;
        }
        String why = name + " is not installed (./run-tests installs it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + "; required when CI=true");
        }
        if (WARNED.add(name)) {
            System.err.println("*** SKIPPING TESTS THAT NEED " + name.toUpperCase() + ": " + why + " ***");
        }
        throw new TestAbortedException(why);
    }

    public static Path find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (String dir : new String[]{"/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/lib/go/bin"}) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
