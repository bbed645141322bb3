package io.coco4j.bench.report;

import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * A primitive measured on both sides, with the target where there is one: the ratio is coco4j's time
 * over OpenSSL's, so 1.5 means "at most half again as slow".
 */
public enum OpensslComparison {
    P256_SIGN(MicroBenchmark.P256_SIGN, OpensslSpeed::p256Sign, 1.5),
    P256_VERIFY(MicroBenchmark.P256_VERIFY, OpensslSpeed::p256Verify, 1.5),
    P256_ECDH(MicroBenchmark.P256_ECDH, OpensslSpeed::p256Ecdh, 1.5),
    P384_SIGN(MicroBenchmark.P384_SIGN, OpensslSpeed::p384Sign, Double.NaN),
    P384_VERIFY(MicroBenchmark.P384_VERIFY, OpensslSpeed::p384Verify, 1.0);

    private final MicroBenchmark benchmark;
    private final ToDoubleFunction<OpensslSpeed> opensslRate;
    private final double target;

    OpensslComparison(MicroBenchmark benchmark, ToDoubleFunction<OpensslSpeed> opensslRate, double target) {
        this.benchmark = benchmark;
        this.opensslRate = opensslRate;
        this.target = target;
    }

    public MicroBenchmark benchmark() {
        return benchmark;
    }

    public double opensslRate(OpensslSpeed speed) {
        return opensslRate.applyAsDouble(speed);
    }

    /** coco4j's time over OpenSSL's. */
    public double ratio(Timings timings, OpensslSpeed speed) {
        return opensslRate(speed) / timings.opsPerSecond(benchmark);
    }

    /** The largest acceptable ratio, if this comparison has a target. */
    public OptionalDouble target() {
        return Double.isNaN(target) ? OptionalDouble.empty() : OptionalDouble.of(target);
    }

    public boolean met(Timings timings, OpensslSpeed speed) {
        return target().isEmpty() || ratio(timings, speed) <= target;
    }
}
