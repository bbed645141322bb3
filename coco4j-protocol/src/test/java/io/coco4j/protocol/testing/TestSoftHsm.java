package io.coco4j.protocol.testing;

/**
 * The SoftHSM2 token of the test setup: its PKCS#11 library, slot id, label and user PIN. The
 * library finds its token directory through {@code SOFTHSM2_CONF}, which the setup exports too.
 * Tests share the token, so each uses key labels of its own.
 */
public final class TestSoftHsm {

    /** Where the token is and how to log in. */
    public record Token(String library, long slot, String label, String pin) {
        @Override
        public String toString() {
            return "Token[" + library + ", slot " + slot + ", " + label + "]";
        }
    }

    private TestSoftHsm() {
    }

    /** The token, or aborts (skips) the calling test. */
    public static Token token() {
        TestServices.require("SoftHSM2", "SOFTHSM2_CONF");
        String library = TestServices.require("SoftHSM2", "COCO4J_TEST_SOFTHSM_LIBRARY");
        String slot = TestServices.require("SoftHSM2", "COCO4J_TEST_SOFTHSM_SLOT");
        String label = TestServices.require("SoftHSM2", "COCO4J_TEST_SOFTHSM_TOKEN");
        String pin = TestServices.require("SoftHSM2", "COCO4J_TEST_SOFTHSM_PIN");
        return new Token(library, Long.parseLong(slot), label, pin);
    }
}
