package io.coco4j.bench.report;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes a report as Markdown: the machine line, then one table per comparison. */
public final class MarkdownReport {

    /** Protocol operations and the primitives each performs (empty: no floor measured for it). */
    private static final Map<MicroBenchmark, List<MicroBenchmark>> OPERATION_FLOORS = orderedFloors();
    /** JIT compiler CPU time, relative to the operation's, from which a figure is marked as still warming up. */
    private static final double COMPILING_SHARE = 0.10;

    private MarkdownReport() {
    }

    private static Map<MicroBenchmark, List<MicroBenchmark>> orderedFloors() {
        Map<MicroBenchmark, List<MicroBenchmark>> floors = new LinkedHashMap<>();
        floors.put(MicroBenchmark.EAR_SIGN, List.of(MicroBenchmark.P256_SIGN));
        floors.put(MicroBenchmark.EAR_VERIFY, List.of(MicroBenchmark.P256_VERIFY));
        floors.put(MicroBenchmark.JWE_EC_P256,
                List.of(MicroBenchmark.P256_EPHEMERAL_ECDH, MicroBenchmark.AES_KEY_WRAP, MicroBenchmark.AES_GCM_SMALL));
        floors.put(MicroBenchmark.JWE_EC_P521, List.of());
        floors.put(MicroBenchmark.JWE_RSA, List.of());
        floors.put(MicroBenchmark.DEFAULT_CPU_POLICY, List.of());
        floors.put(MicroBenchmark.AFFIRMING_POLICY, List.of());
        return Collections.unmodifiableMap(floors);
    }

    public static String render(ReportData data) {
        StringBuilder out = new StringBuilder();
        header(out, data);
        primitives(out, data);
        operations(out, data);
        handshakeFloor(out, data);
        allFigures(out, data);
        return out.toString();
    }

    private static void header(StringBuilder out, ReportData data) {
        Machine m = data.machine();
        out.append("# coco4j micro-benchmarks\n\n");
        out.append("Machine: ").append(m.cores()).append(m.cores() == 1 ? " core, " : " cores, ").append(m.cpu())
                .append(", ").append(m.jdk()).append(", ").append(m.os());
        if (data.openssl() instanceof OpensslBaseline.Measured measured) {
            out.append(", ").append(measured.speed().version());
        }
        out.append("; load average ").append(load(data.loadBefore())).append(" before, ").append(load(data.loadAfter()))
                .append(" after.\n\n");
        out.append("Measured with: ").append(data.settings()).append(". Crypto providers: ")
                .append(String.join("; ", data.providers())).append(".\n\n");
        out.append("Times are CPU time per operation (every thread of the benchmark's JVM but the JIT compiler's, user and "
                + "system), as `openssl speed` divides by its CPU time; the last table also lists JMH's wall-clock times.\n\n");
        if (data.loadBefore() > m.cores() / 2.0 || data.loadAfter() > m.cores() / 2.0) {
            out.append("> **Note:** other work was running on the machine (load average above half the cores): wall-clock "
                    + "times are inflated, and CPU times, though counted per process, still suffer from shared caches and cores.\n\n");
        }
    }

    private static void primitives(StringBuilder out, ReportData data) {
        Timings t = data.timings();
        out.append("## Primitives against OpenSSL\n\n");
        if (data.openssl() instanceof OpensslBaseline.Unavailable unavailable) {
            out.append("> **OpenSSL comparison skipped: ").append(unavailable.reason()).append(".** The primitives below are not "
                    + "compared with anything.\n\n");
            out.append("| operation | coco4j µs/op | coco4j ops/s |\n|---|---:|---:|\n");
            for (OpensslComparison c : OpensslComparison.values()) {
                out.append("| ").append(c.benchmark().label()).append(" | ").append(measured(data, c.benchmark()))
                        .append(" | ").append(rate(t.opsPerSecond(c.benchmark()))).append(" |\n");
            }
            out.append('\n');
            return;
        }
        OpensslSpeed speed = ((OpensslBaseline.Measured) data.openssl()).speed();
        out.append("Ratio: coco4j's time per operation over OpenSSL's (`")
                .append(String.join(" ", OpensslSpeedCommand.COMMAND)).append("`), same machine.\n\n");
        out.append("| operation | coco4j µs/op | coco4j ops/s | OpenSSL ops/s | ratio | target | |\n");
        out.append("|---|---:|---:|---:|---:|---|---|\n");
        for (OpensslComparison c : OpensslComparison.values()) {
            out.append("| ").append(c.benchmark().label()).append(" | ").append(measured(data, c.benchmark()))
                    .append(" | ").append(rate(t.opsPerSecond(c.benchmark()))).append(" | ").append(rate(c.opensslRate(speed)))
                    .append(" | ").append(ratio(c.ratio(t, speed))).append(" | ")
                    .append(c.target().isPresent() ? "≤ " + ratio(c.target().getAsDouble()) : "—").append(" | ")
                    .append(c.target().isPresent() ? (c.met(t, speed) ? "met" : "**missed**") : "").append(" |\n");
        }
        out.append("\nOpenSSL's ECDH figure is one agreement between existing keys, as is coco4j's `")
                .append(MicroBenchmark.P256_ECDH.label()).append("`.\n\n");
    }

    private static void operations(StringBuilder out, ReportData data) {
        Timings t = data.timings();
        out.append("## Protocol operations against the primitives they perform\n\n");
        out.append("Ratio: the operation's time over the sum of its primitives' times (coco4j, same JVM).\n\n");
        out.append("| operation | µs/op | ops/s | floor | floor µs/op | ratio |\n|---|---:|---:|---|---:|---:|\n");
        OPERATION_FLOORS.forEach((operation, floor) -> {
            out.append("| ").append(operation.label()).append(" | ").append(measured(data, operation)).append(" | ")
                    .append(rate(t.opsPerSecond(operation))).append(" | ");
            if (floor.isEmpty()) {
                out.append("— | — | — |\n");
                return;
            }
            double floorMicros = floor.stream().mapToDouble(t::micros).sum();
            out.append(floor.stream().map(MicroBenchmark::label).collect(Collectors.joining(" + "))).append(" | ")
                    .append(micros(floorMicros)).append(floor.stream().anyMatch(b -> compiling(data, b)) ? " \\*" : "")
                    .append(" | ").append(ratio(t.micros(operation) / floorMicros)).append(" |\n");
        });
    }

    private static void handshakeFloor(StringBuilder out, ReportData data) {
        Timings t = data.timings();
        out.append("\n## Handshake floor\n\n");
        out.append("Floor rate of a sample handshake on one core = 1 / (")
                .append(HandshakeFloor.COMMON.stream().map(p -> (p.count() > 1 ? p.count() + " × " : "") + p.benchmark().label())
                        .collect(Collectors.joining(" + ")))
                .append("); SNP adds one P-384 verify, TDX two P-256 verifies.\n\n");
        double sampleMicros = HandshakeFloor.SAMPLE.micros(t);
        out.append("| sample handshake part | µs/op | × | µs per handshake | share |\n|---|---:|---:|---:|---:|\n");
        for (FloorPart part : HandshakeFloor.COMMON) {
            out.append("| ").append(part.benchmark().label()).append(" | ").append(measured(data, part.benchmark()))
                    .append(" | ").append(part.count()).append(" | ").append(micros(part.micros(t))).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f %%", 100 * part.micros(t) / sampleMicros)).append(" |\n");
        }
        out.append("| **total** | | | ").append(micros(sampleMicros)).append(" | 100 % |\n\n");
        out.append("The no-op request goes through the guest's HTTP client (the JDK's), as every KBS client request does; "
                + "with a blocking-socket client instead it costs ").append(measured(data, MicroBenchmark.NOOP_HTTP_SOCKET))
                .append(" µs, which bounds the server's share.\n\n");

        int cores = data.machine().cores();
        out.append("| TEE | adds | floor µs | floor handshakes/s, 1 core | floor handshakes/s, ").append(cores)
                .append(cores == 1 ? " core" : " cores").append(" | measured handshakes/s | measured ÷ floor |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (HandshakeFloor floor : HandshakeFloor.values()) {
            String rowStart = "| " + floor.tee() + " | " + floor.additions() + " | " + micros(floor.micros(t)) + " | "
                    + rate(floor.perSecond(t)) + " | " + rate(floor.perSecond(t) * cores) + " | ";
            List<HandshakeThroughput> runs = data.handshakes().stream().filter(h -> h.tee().equalsIgnoreCase(floor.tee())).toList();
            if (runs.isEmpty()) {
                out.append(rowStart).append("— | — |\n");
            }
            for (HandshakeThroughput measured : runs) {
                out.append(rowStart).append(rate(measured.handshakesPerSecond())).append(" | ")
                        .append(percent(measured.handshakesPerSecond() / comparableFloor(floor, t, cores, measured))).append(" |\n");
            }
        }
        out.append('\n');
        if (data.handshakes().isEmpty()) {
            out.append("No end-to-end figure: run `coco4j bench rcar` and pass its JSON with `--rcar-json FILE`.\n");
        }
        for (HandshakeThroughput measured : data.handshakes()) {
            out.append("Measured (").append(measured.tee()).append("): ").append(measured.source())
                    .append(measured.concurrency() > 0 ? ", at most " + measured.concurrency() + " core(s) busy" : "")
                    .append("; compared with the floor on ").append(coresUsed(cores, measured)).append(" core(s).\n");
        }
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f %%", fraction * 100);
    }

    private static void allFigures(StringBuilder out, ReportData data) {
        out.append("\n## All figures\n\n| benchmark | CPU µs/op | wall-clock µs/op | JIT compiler µs/op |\n|---|---:|---:|---:|\n");
        for (MicroBenchmark benchmark : MicroBenchmark.values()) {
            out.append("| ").append(benchmark.label()).append(" | ").append(measured(data, benchmark)).append(" | ")
                    .append(micros(data.wallClock().micros(benchmark))).append(" | ")
                    .append(micros(data.jit().getOrDefault(benchmark, 0.0))).append(" |\n");
        }
        if (Arrays.stream(MicroBenchmark.values()).anyMatch(b -> compiling(data, b))) {
            out.append("\n\\* The JIT compiler was still busy while this was measured (its CPU time was at least ")
                    .append(Math.round(COMPILING_SHARE * 100)).append(" % of the operation's): the warm-up was too short for "
                    + "this machine's load, and the figure is pessimistic.\n");
        }
    }

    /** A figure's CPU time, marked when the JIT compiler was still busy during its measurement. */
    private static String measured(ReportData data, MicroBenchmark benchmark) {
        String value = micros(data.timings().micros(benchmark));
        return compiling(data, benchmark) ? value + " \\*" : value;
    }

    private static boolean compiling(ReportData data, MicroBenchmark benchmark) {
        return data.jit().getOrDefault(benchmark, 0.0) >= COMPILING_SHARE * data.timings().micros(benchmark);
    }

    /** The floor on as many cores as the measured run could keep busy. */
    static double comparableFloor(HandshakeFloor floor, Timings timings, int cores, HandshakeThroughput measured) {
        return floor.perSecond(timings) * coresUsed(cores, measured);
    }

    private static int coresUsed(int cores, HandshakeThroughput measured) {
        return measured.concurrency() > 0 ? Math.min(cores, measured.concurrency()) : cores;
    }

    static String micros(double value) {
        if (value < 10) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return value < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String rate(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String load(double value) {
        return value < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", value);
    }
}
