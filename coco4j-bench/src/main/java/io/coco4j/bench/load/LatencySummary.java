package io.coco4j.bench.load;

import org.HdrHistogram.Histogram;

/** Percentiles of one step's latency over the measured runs, in milliseconds. */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs, double meanMs) {

    /** From a histogram of microseconds. */
    static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(micros.getTotalCount(), ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()), micros.getMean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
