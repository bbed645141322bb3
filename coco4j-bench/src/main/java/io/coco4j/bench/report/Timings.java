package io.coco4j.bench.report;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Average times of the micro-benchmarks, in microseconds per operation. */
public final class Timings {

    private final Map<MicroBenchmark, Double> micros;

    public Timings(Map<MicroBenchmark, Double> micros) {
        EnumMap<MicroBenchmark, Double> copy = new EnumMap<>(MicroBenchmark.class);
        micros.forEach((benchmark, value) -> {
            if (value == null || !(value > 0) || value.isInfinite()) {
                throw new IllegalArgumentException(benchmark + ": a time must be a positive number, got " + value);
            }
            copy.put(benchmark, value);
        });
        for (MicroBenchmark benchmark : MicroBenchmark.values()) {
            if (!copy.containsKey(benchmark)) {
                throw new IllegalArgumentException("no time for " + benchmark);
            }
        }
        this.micros = Collections.unmodifiableMap(copy);
    }

    public double micros(MicroBenchmark benchmark) {
        return micros.get(benchmark);
    }

    public double opsPerSecond(MicroBenchmark benchmark) {
        return 1_000_000.0 / micros(benchmark);
    }
}
