package io.coco4j.kbs.plugin;

import org.junit.jupiter.api.Assertions;
import org.opentest4j.TestAbortedException;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The SoftHSM2 token {@code run-tests} prepares ({@code scripts/test-services}): the library and PIN
 * from {@code COCO4J_TEST_PKCS11_MODULE}/{@code COCO4J_TEST_PKCS11_PIN}, the token directory through
 * {@code SOFTHSM2_CONF}. Without them the PKCS#11 tests are skipped with one loud line, except under
 * {@code CI=true}, where that is a failure.
 */
final class TestSoftHsm {

    private static final AtomicBoolean WARNED = new AtomicBoolean();

    record Token(String module, String pin) {
    }

    private TestSoftHsm() {
    }

    static Token token() {
        String module = System.getenv("COCO4J_TEST_PKCS11_MODULE");
        String pin = System.getenv("COCO4J_TEST_PKCS11_PIN");
        if (module != null && pin != null && System.getenv("SOFTHSM2_CONF") != null) {
            return new Token(module, pin);
        }
        String why = "no SoftHSM2 token: run through ./run-tests or eval \"$(scripts/test-services start)\"";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + " (required when CI=true)");
        }
        if (WARNED.compareAndSet(false, true)) {
            System.err.println("*** SKIPPING PKCS#11 TESTS: " + why + " ***");
        }
        throw new TestAbortedException(why);
    }
}
