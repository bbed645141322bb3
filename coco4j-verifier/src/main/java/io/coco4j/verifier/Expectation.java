package io.coco4j.verifier;

import java.util.Optional;

/**
 * What the evidence must bind: the digest of the canonical runtime data (report data) and the
 * digest of the init-data, each optional (the reference's {@code NotProvided}).
 */
public record Expectation(Optional<byte[]> reportData, Optional<byte[]> initDataDigest) {

    public Expectation {
        reportData = reportData.map(byte[]::clone);
        initDataDigest = initDataDigest.map(byte[]::clone);
    }

    public static Expectation none() {
        return new Expectation(Optional.empty(), Optional.empty());
    }

    public static Expectation of(byte[] reportData, byte[] initDataDigest) {
        return new Expectation(Optional.ofNullable(reportData), Optional.ofNullable(initDataDigest));
    }

    /**
     * The reference's {@code regularize}: right-pad with zeros to {@code length}, or truncate to it.
     * Report fields are fixed-size while digests vary with the hash algorithm.
     */
    public static byte[] regularize(byte[] data, int length) {
        byte[] out = new byte[length];
        System.arraycopy(data, 0, out, 0, Math.min(data.length, length));
        return out;
    }
}
