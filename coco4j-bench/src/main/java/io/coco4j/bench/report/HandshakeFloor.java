package io.coco4j.bench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The least a handshake can cost on one core: the primitives it cannot avoid, on this JVM. A sample
 * handshake signs and verifies one ES256 token, makes one ephemeral P-256 agreement, wraps a key,
 * encrypts the resource, binds the runtime data (JCS + SHA-384) and makes three HTTP requests (auth,
 * attest, resource). Real evidence adds its signature checks: one P-384 verify for an SNP report, two
 * P-256 verifies for a TDX quote (the quote's and the QE report's).
 */
public enum HandshakeFloor {
    SAMPLE("sample", "—"),
    SNP("snp", "+ 1 × P-384 verify", new FloorPart(MicroBenchmark.P384_VERIFY, 1)),
    TDX("tdx", "+ 2 × P-256 verify", new FloorPart(MicroBenchmark.P256_VERIFY, 2));

    /** What every handshake costs at least. */
    public static final List<FloorPart> COMMON = List.of(
            new FloorPart(MicroBenchmark.P256_SIGN, 1),
            new FloorPart(MicroBenchmark.P256_VERIFY, 1),
            new FloorPart(MicroBenchmark.P256_EPHEMERAL_ECDH, 1),
            new FloorPart(MicroBenchmark.AES_KEY_WRAP, 1),
            new FloorPart(MicroBenchmark.AES_GCM_SMALL, 1),
            new FloorPart(MicroBenchmark.JCS_SHA384, 1),
            new FloorPart(MicroBenchmark.NOOP_HTTP, 3));

    private final String tee;
    private final String additions;
    private final List<FloorPart> evidence;

    HandshakeFloor(String tee, String additions, FloorPart... evidence) {
        this.tee = tee;
        this.additions = additions;
        this.evidence = List.of(evidence);
    }

    /** The TEE name, as {@code tee} in the load generator's output. */
    public String tee() {
        return tee;
    }

    /** What this TEE adds to the common floor, for the table. */
    public String additions() {
        return additions;
    }

    public List<FloorPart> parts() {
        List<FloorPart> parts = new ArrayList<>(COMMON);
        parts.addAll(evidence);
        return parts;
    }

    /** Microseconds per handshake on one core. */
    public double micros(Timings timings) {
        return parts().stream().mapToDouble(part -> part.micros(timings)).sum();
    }

    /** Handshakes per second on one core. */
    public double perSecond(Timings timings) {
        return 1_000_000.0 / micros(timings);
    }

    public static Optional<HandshakeFloor> forTee(String tee) {
        return Arrays.stream(values()).filter(f -> f.tee.equals(tee.toLowerCase(Locale.ROOT))).findFirst();
    }
}
