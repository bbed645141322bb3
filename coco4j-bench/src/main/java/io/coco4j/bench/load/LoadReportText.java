package io.coco4j.bench.load;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** A {@link LoadReport} for people: a few lines and a latency table. */
public final class LoadReportText {

    private LoadReportText() {
    }

    public static String of(LoadReport report) {
        StringBuilder out = new StringBuilder();
        line(out, "target      %s", report.target());
        line(out, "guests      %d clients, TEE %s%s; warm-up %.0f s (excluded), measured %.0f s", report.clients(), report.tee(),
                report.rate().isPresent() ? String.format(Locale.ROOT, ", at most %.1f handshakes/s", report.rate().getAsDouble()) : "",
                report.warmupSeconds(), report.measuredSeconds());
        line(out, "throughput  %.1f handshakes/s (%d handshakes: auth, attest, resource with cookie, resource with token)",
                report.handshakesPerSecond(), report.handshakes());
        line(out, "");
        line(out, "latency ms  %8s %8s %8s %8s %8s", "p50", "p90", "p99", "max", "count");
        for (Map.Entry<Step, LatencySummary> entry : report.latency().entrySet()) {
            LatencySummary s = entry.getValue();
            line(out, "%-11s %8.2f %8.2f %8.2f %8.2f %8d", entry.getKey().label(), s.p50Ms(), s.p90Ms(), s.p99Ms(), s.maxMs(), s.count());
        }
        line(out, "");
        line(out, "errors      %d%s", report.errorCount(), report.warmupErrors() > 0 ? " (and " + report.warmupErrors() + " during the warm-up)" : "");
        report.errors().forEach((type, count) -> line(out, "  %6d  %s", count, type));
        CpuUsage cpu = report.cpu();
        line(out, "cpu         server %s per handshake [%s]", ms(cpu.serverMsPerHandshake(report.handshakes())), cpu.serverSource());
        line(out, "            generator %s per handshake (its own threads: %.1f s of %.1f s for this JVM)",
                ms(cpu.generatorMsPerHandshake(report.handshakes())), cpu.generatorSeconds(), cpu.thisProcessSeconds());
        for (ServerSample sample : report.serverSamples()) {
            line(out, "server      at %6.0f s: heap after GC %s, open descriptors %s", sample.atSeconds(),
                    sample.heapAfterGcBytes().isPresent() ? String.format(Locale.ROOT, "%.1f MiB", sample.heapAfterGcBytes().getAsLong() / 1048576.0) : "-",
                    sample.openFileDescriptors().isPresent() ? Long.toString(sample.openFileDescriptors().getAsLong()) : "-");
        }
        return out.toString();
    }

    private static String ms(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.3f ms", value.getAsDouble()) : "unknown";
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
