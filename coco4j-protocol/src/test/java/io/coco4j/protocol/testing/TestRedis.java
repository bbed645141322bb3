package io.coco4j.protocol.testing;

/** The Redis server of the test setup ({@code COCO4J_TEST_REDIS_URL}); tests use keys of their own. */
public final class TestRedis {

    private TestRedis() {
    }

    /** {@code redis://127.0.0.1:PORT}, or aborts (skips) the calling test. */
    public static String url() {
        return TestServices.require("Redis", "COCO4J_TEST_REDIS_URL");
    }
}
