package io.coco4j.bench.report;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CPU time the benchmark's JVM spends per operation (all its threads, user and system, the
 * benchmark's, GC's and any server threads alike), beside JMH's wall-clock time. {@code openssl speed}
 * divides by CPU time too, so on a machine shared with other work the two stay comparable where
 * wall-clock times would not. On Linux the JIT compiler threads are left out: on a busy machine
 * compilation lags into the measured iterations, and it is warm-up, not a cost of the operation.
 */
public final class CpuTimeProfiler implements InternalProfiler {

    /** The name of the secondary result: CPU µs per operation, without the JIT compiler's. */
    public static final String RESULT = "cpu";
    /** The JIT compiler's CPU µs per operation during the measurement: large when warm-up was too short. */
    public static final String JIT = "jit";

    /** /proc counts in clock ticks of USER_HZ, 100 per second on Linux. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private long processAtStart;
    private long compilerAtStart;

    @Override
    public String getDescription() {
        return "process CPU time per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        compilerAtStart = compilerThreadNanos();
        processAtStart = processCpuNanos();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long process = processCpuNanos() - processAtStart;
        long compiler = compilerThreadNanos() - compilerAtStart;
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0 || process <= 0 || process - compiler <= 0) {
            return List.of();
        }
        return List.of(new ScalarResult(RESULT, (process - compiler) / 1000.0 / ops, "us/op", AggregationPolicy.AVG),
                new ScalarResult(JIT, compiler / 1000.0 / ops, "us/op", AggregationPolicy.AVG));
    }

    /** CPU time of every thread of this JVM, or -1 where the JVM does not tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time of the threads named {@code C1/C2 CompilerThread…} in /proc/self/task, else 0. */
    static long compilerThreadNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : threads.toList()) {
                ticks += compilerTicks(thread);
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * NANOS_PER_TICK;
    }

    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).trim();
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return 0;
            }
            // after "(comm)": state is field 3 of stat(5); utime and stime are fields 14 and 15
            String stat = Files.readString(thread.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended meanwhile
        }
    }
}
