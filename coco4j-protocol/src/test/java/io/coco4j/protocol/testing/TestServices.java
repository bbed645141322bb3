package io.coco4j.protocol.testing;

import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers {@code scripts/test-services} started for a test run, found through environment
 * variables. A missing one skips the calling test with one loud line per service, except under
 * {@code CI=true}, where it fails the test.
 */
final class TestServices {

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private TestServices() {
    }

    /** The variable's value, or aborts (skips) the calling test when it is unset. */
    static String require(String service, String variable) {
        String value = System.getenv(variable);
        if (value != null && !value.isBlank()) {
            return value;
        }
        String why = "no " + service + " for the tests (" + variable + " is unset): run the tests through ./run-tests, "
                + "or start the servers with scripts/test-services and export what it prints";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + " (required when CI=true)");
        }
        if (WARNED.add(service)) {
            System.err.println("*** SKIPPING " + service.toUpperCase(java.util.Locale.ROOT) + " TESTS: " + why + " ***");
        }
        throw new TestAbortedException(why);
    }
}
