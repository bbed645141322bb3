package io.coco4j.bench.report;

/** One term of a floor: a measured operation, counted {@code count} times. */
public record FloorPart(MicroBenchmark benchmark, int count) {

    public FloorPart {
        if (count <= 0) {
            throw new IllegalArgumentException("a floor part is counted at least once");
        }
    }

    public double micros(Timings timings) {
        return count * timings.micros(benchmark);
    }
}
