package io.coco4j.verifier.dcap;

import io.coco4j.protocol.testing.TestVectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Vector files read in place, and the validation times their README states. */
final class Vectors {

    /** dcap-qvl TDX sample: one second before the earliest collateral nextUpdate. */
    static final Instant TDX_QVL_TIME = Instant.ofEpochSecond(1752919234);
    /** dcap-qvl SGX sample. */
    static final Instant SGX_QVL_TIME = Instant.ofEpochSecond(1752919277);
    /** go-tdx-guest v5 sample (signatures and PCK chain only). */
    static final Instant GO_TDX_TIME = Instant.parse("2026-02-03T01:00:00Z");

    private Vectors() {
    }

    static byte[] bytes(String path) {
        try {
            return Files.readAllBytes(TestVectors.resolve(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(bytes(path), java.nio.charset.StandardCharsets.UTF_8);
    }

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
