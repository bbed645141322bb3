package io.coco4j.bench.report;

/** The output of {@code openssl speed} lacks a figure the report needs. */
public final class OpensslOutputException extends Exception {
    private static final long serialVersionUID = 1L;

    public OpensslOutputException(String message) {
        super(message);
    }
}
