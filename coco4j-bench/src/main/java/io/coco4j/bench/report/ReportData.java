package io.coco4j.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything a report shows.
 *
 * @param settings    how the figures were measured (JMH iterations), one line
 * @param providers   the crypto facade's provider per primitive
 * @param loadBefore  the 1-minute load average when measuring started (negative: unknown)
 * @param loadAfter   the same when it ended
 * @param timings     CPU time per operation: what the tables compare
 * @param wallClock   JMH's wall-clock time per operation, listed for reference
 * @param jit         the JIT compiler's CPU µs per operation during each measurement (a sign of a short warm-up)
 */
public record ReportData(Machine machine, String settings, List<String> providers, double loadBefore, double loadAfter,
                         Timings timings, Timings wallClock,
                         Map<MicroBenchmark, Double> jit, OpensslBaseline openssl, List<HandshakeThroughput> handshakes) {

    public ReportData {
        providers = List.copyOf(providers);
        jit = Map.copyOf(jit);
        handshakes = List.copyOf(handshakes);
    }
}
