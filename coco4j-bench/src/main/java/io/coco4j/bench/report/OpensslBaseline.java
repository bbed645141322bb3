package io.coco4j.bench.report;

/** The OpenSSL figures the primitives are compared with, or why there are none. */
public sealed interface OpensslBaseline {

    /** {@code openssl speed} ran and its output was read. */
    record Measured(OpensslSpeed speed) implements OpensslBaseline {
    }

    /** No comparison: openssl is absent, failed, or printed something unreadable. */
    record Unavailable(String reason) implements OpensslBaseline {
    }
}
