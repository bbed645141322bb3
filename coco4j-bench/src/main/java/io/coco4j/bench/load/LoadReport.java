package io.coco4j.bench.load;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What a load run measured, warm-up excluded: handshakes (guest runs that completed every step and
 * started inside the measured window), throughput, latency per step, failures by type, CPU and the
 * server samples.
 *
 * @param target          what was measured: the URL, and whether the KBS ran in this JVM
 * @param errors          failed guest runs of the measured window by {@code <step>: <kind>}
 * @param warmupErrors    failed guest runs during the warm-up (not in {@code errors})
 * @param meanTokenChars  the mean size of the attestation tokens issued
 */
public record LoadReport(String tee, String target, int clients, OptionalDouble rate, double warmupSeconds, double measuredSeconds,
                         long handshakes, double handshakesPerSecond, Map<Step, LatencySummary> latency, Map<String, Long> errors,
                         long warmupErrors, CpuUsage cpu, List<ServerSample> serverSamples, double meanTokenChars) {

    public LoadReport {
        latency = Collections.unmodifiableMap(new EnumMap<>(latency));
        errors = Collections.unmodifiableMap(new TreeMap<>(errors));
        serverSamples = List.copyOf(serverSamples);
    }

    /** Failed guest runs in the measured window. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
