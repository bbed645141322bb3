package io.coco4j.bench.report;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Runs the report's benchmarks through the JMH runner, one figure at a time (each in its own fork, so
 * one figure's JIT state never helps another), and reports each as it completes.
 */
public final class JmhSuite {

    private final SuiteSettings settings;
    private final PrintWriter progress;

    public JmhSuite(SuiteSettings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * @throws RunnerException when a benchmark fails (its setup or an invocation threw)
     */
    /** CPU and wall-clock times of every figure, and the JIT compiler's CPU time during each measurement. */
    public record Measurements(Timings cpu, Timings wallClock, Map<MicroBenchmark, Double> jit) {
    }

    public Measurements run() throws RunnerException {
        Map<MicroBenchmark, Double> cpu = new EnumMap<>(MicroBenchmark.class);
        Map<MicroBenchmark, Double> wall = new EnumMap<>(MicroBenchmark.class);
        Map<MicroBenchmark, Double> jit = new EnumMap<>(MicroBenchmark.class);
        MicroBenchmark[] all = MicroBenchmark.values();
        for (int i = 0; i < all.length; i++) {
            MicroBenchmark benchmark = all[i];
            progress.printf(Locale.ROOT, "[%2d/%d] %-48s ", i + 1, all.length, benchmark.label());
            progress.flush();
            Figure figure = measure(benchmark);
            cpu.put(benchmark, figure.cpuMicros());
            wall.put(benchmark, figure.wallMicros());
            jit.put(benchmark, figure.jitMicros());
            progress.println(MarkdownReport.micros(figure.cpuMicros()) + " µs/op CPU, "
                    + MarkdownReport.micros(figure.wallMicros()) + " µs/op wall clock");
            progress.flush();
        }
        return new Measurements(new Timings(cpu), new Timings(wall), Map.copyOf(jit));
    }

    /** One benchmark's average times per operation. */
    record Figure(double cpuMicros, double wallMicros, double jitMicros) {
    }

    /** Runs one benchmark in its own fork. */
    Figure measure(MicroBenchmark benchmark) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.benchmark()) + "$")
                .forks(1)
                .threads(1)
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.warmupMillis()))
                .measurementIterations(settings.measurementIterations())
                .measurementTime(TimeValue.milliseconds(settings.measurementMillis()))
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .addProfiler(CpuTimeProfiler.class)
                .jvmArgsAppend(forkArguments().toArray(String[]::new));
        benchmark.params().forEach(options::param);
        Collection<RunResult> results = new Runner(options.build()).run();
        if (results.size() != 1) {
            throw new RunnerException("expected one result for " + benchmark.benchmark() + benchmark.params()
                    + ", got " + results.size() + " (is META-INF/BenchmarkList on the class path?)");
        }
        RunResult result = results.iterator().next();
        Result<?> cpu = result.getSecondaryResults().get(CpuTimeProfiler.RESULT);
        Result<?> jit = result.getSecondaryResults().get(CpuTimeProfiler.JIT);
        if (cpu == null || jit == null) {
            throw new RunnerException("no CPU time for " + benchmark.benchmark() + ": this JVM does not report process CPU time");
        }
        return new Figure(cpu.getScore(), result.getPrimaryResult().getScore(), jit.getScore());
    }

    /** Quiet logs in the forks; native access for the native crypto provider on JDKs that warn about it. */
    private static List<String> forkArguments() {
        List<String> args = new ArrayList<>();
        args.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        if (Runtime.version().feature() >= 22) {
            args.add("--enable-native-access=ALL-UNNAMED");
        }
        return args;
    }
}
