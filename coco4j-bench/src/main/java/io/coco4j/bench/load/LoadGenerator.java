package io.coco4j.bench.load;

import io.coco4j.guest.attester.CompositeAttester;
import org.HdrHistogram.Histogram;

import javax.net.ssl.SSLContext;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link SimulatedGuest}s against a KBS from {@code clients} threads: each thread starts a new
 * guest (new key pair, new session, new evidence) when its last one finished, or when the shared
 * {@link Pacer} gives it a slot. Runs that start during the warm-up are not measured; runs that start
 * in the measured window are, to their end. Nothing is retried: a failed run is counted by its type.
 *
 * <p>CPU: the generator's threads are measured one by one ({@link GeneratorThreads}); when the KBS
 * shares the JVM its CPU is this process's minus the generator's (so it includes the JVM's GC and
 * compiler threads, which both sides use). Heap samples force a full GC in the server.
 */
public final class LoadGenerator {

    private final LoadSettings settings;
    private final GuestTee tee;
    private final ServerProbe probe;
    private final String target;
    private final Optional<SSLContext> tls;

    public LoadGenerator(LoadSettings settings, GuestTee tee, ServerProbe probe, String target, Optional<SSLContext> tls) {
        this.settings = settings;
        this.tee = tee;
        this.probe = probe;
        this.target = target;
        this.tls = tls;
    }

    public LoadGenerator(LoadSettings settings, GuestTee tee, ServerProbe probe, String target) {
        this(settings, tee, probe, target, Optional.empty());
    }

    /**
     * One guest run before the load, on a client of its own: the server's first answers (class
     * loading, caches) are then paid for, and a missing resource or an unreachable server shows as
     * one failure rather than as a report full of them.
     *
     * @throws GuestFailure when that guest's run fails
     */
    public GuestRun firstGuest() throws GuestFailure, InterruptedException {
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10));
        tls.ifPresent(http::sslContext);
        return new SimulatedGuest(http.build(), settings.url(), settings.resource(), CompositeAttester.of(tee.attester()),
                settings.keyAlgorithm(), settings.requestTimeout()).run();
    }

    public LoadReport run() throws InterruptedException {
        GeneratorThreads threads = new GeneratorThreads("bench-");
        ExecutorService httpExecutor = Executors.newFixedThreadPool(Math.max(2, settings.clients()), threads);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(httpExecutor);
        tls.ifPresent(builder::sslContext);
        HttpClient http = builder.build();
        try {
            return measure(http, threads);
        } finally {
            httpExecutor.shutdownNow();
        }
    }

    private LoadReport measure(HttpClient http, GeneratorThreads threads) throws InterruptedException {
        CompositeAttester attester = CompositeAttester.of(tee.attester());
        if (!settings.heapSamples().isEmpty()) {
            // attaching to a server process takes seconds: done before the clock starts, not at the first sample
            probe.heapAfterGc();
        }
        long start = System.nanoTime();
        long measureStart = start + settings.warmup().toNanos();
        long measureEnd = measureStart + settings.duration().toNanos();
        Optional<Pacer> pacer = settings.rate().isPresent() ? Optional.of(new Pacer(settings.rate().getAsDouble(), start)) : Optional.empty();
        CountDownLatch done = new CountDownLatch(settings.clients());
        CountDownLatch release = new CountDownLatch(1);
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < settings.clients(); i++) {
            SimulatedGuest guest = new SimulatedGuest(http, settings.url(), settings.resource(), attester, settings.keyAlgorithm(),
                    settings.requestTimeout());
            Worker worker = new Worker(guest, pacer, measureStart, measureEnd, done, release);
            workers.add(worker);
            threads.newThread(worker).start();
        }
        try {
            sleepUntil(measureStart);
            Map<Long, Long> generatorBefore = threads.cpuByThread();
            OptionalLong thisBefore = ThisJvmProbe.cpu(java.lang.management.ManagementFactory.getOperatingSystemMXBean());
            OptionalLong serverBefore = probe.processCpuNanos();
            List<ServerSample> samples = new ArrayList<>();
            List<Duration> pending = new ArrayList<>(settings.heapSamples());
            if (!pending.isEmpty() && !pending.get(0).isZero()) {
                pending.add(0, Duration.ZERO);
            }
            while (!pending.isEmpty() && pending.get(0).toNanos() < settings.duration().toNanos()) {
                sleepUntil(measureStart + pending.remove(0).toNanos());
                samples.add(sample(measureStart));
            }
            done.await();
            Map<Long, Long> generatorAfter = threads.cpuByThread();
            OptionalLong thisAfter = ThisJvmProbe.cpu(java.lang.management.ManagementFactory.getOperatingSystemMXBean());
            OptionalLong serverAfter = probe.processCpuNanos();
            release.countDown();
            if (!pending.isEmpty()) {
                samples.add(sample(measureStart));
            } else if (samples.isEmpty()) {
                samples.add(new ServerSample(seconds(System.nanoTime() - measureStart), OptionalLong.empty(), probe.openFileDescriptors()));
            }
            double generatorSeconds = GeneratorThreads.elapsed(generatorBefore, generatorAfter) / 1e9;
            double thisSeconds = delta(thisBefore, thisAfter).orElse(0) / 1e9;
            return report(workers, cpu(generatorSeconds, thisSeconds, delta(serverBefore, serverAfter)), samples);
        } finally {
            release.countDown();
        }
    }

    private ServerSample sample(long measureStart) {
        OptionalLong heap = probe.heapAfterGc();
        return new ServerSample(seconds(System.nanoTime() - measureStart), heap, probe.openFileDescriptors());
    }

    private CpuUsage cpu(double generatorSeconds, double thisSeconds, OptionalLong serverNanos) {
        if (probe.sharesThisJvm()) {
            return new CpuUsage(generatorSeconds, thisSeconds, OptionalDouble.of(Math.max(0, thisSeconds - generatorSeconds)),
                    "this JVM's CPU minus the generator's threads (includes GC and JIT of both)");
        }
        if (serverNanos.isPresent()) {
            return new CpuUsage(generatorSeconds, thisSeconds, OptionalDouble.of(serverNanos.getAsLong() / 1e9), probe.describe());
        }
        return new CpuUsage(generatorSeconds, thisSeconds, OptionalDouble.empty(), "unknown (no server process to probe)");
    }

    private LoadReport report(List<Worker> workers, CpuUsage cpu, List<ServerSample> samples) {
        Map<Step, Histogram> merged = new EnumMap<>(Step.class);
        Map<String, Long> errors = new HashMap<>();
        long handshakes = 0;
        long warmupErrors = 0;
        long tokenChars = 0;
        for (Step step : Step.values()) {
            merged.put(step, new Histogram(3));
        }
        for (Worker worker : workers) {
            worker.histograms.forEach((step, histogram) -> merged.get(step).add(histogram));
            worker.errors.forEach((type, count) -> errors.merge(type, count, Long::sum));
            handshakes += worker.handshakes;
            warmupErrors += worker.warmupErrors;
            tokenChars += worker.tokenChars;
        }
        Map<Step, LatencySummary> latency = new EnumMap<>(Step.class);
        merged.forEach((step, histogram) -> latency.put(step, LatencySummary.of(histogram)));
        double measured = seconds(settings.duration().toNanos());
        return new LoadReport(tee.name(), target, settings.clients(), settings.rate(), seconds(settings.warmup().toNanos()), measured,
                handshakes, handshakes / measured, latency, errors, warmupErrors, cpu, samples,
                handshakes == 0 ? 0 : (double) tokenChars / handshakes);
    }

    private static OptionalLong delta(OptionalLong before, OptionalLong after) {
        return before.isPresent() && after.isPresent() ? OptionalLong.of(after.getAsLong() - before.getAsLong()) : OptionalLong.empty();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        for (long wait = deadline - System.nanoTime(); wait > 0; wait = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** One client thread: guests one after another; the tallies are read once the thread is done. */
    private static final class Worker implements Runnable {

        private final SimulatedGuest guest;
        private final Optional<Pacer> pacer;
        private final long measureStart;
        private final long measureEnd;
        private final CountDownLatch done;
        private final CountDownLatch release;
        final Map<Step, Histogram> histograms = new EnumMap<>(Step.class);
        final Map<String, Long> errors = new HashMap<>();
        long handshakes;
        long warmupErrors;
        long tokenChars;

        Worker(SimulatedGuest guest, Optional<Pacer> pacer, long measureStart, long measureEnd, CountDownLatch done,
               CountDownLatch release) {
            this.guest = guest;
            this.pacer = pacer;
            this.measureStart = measureStart;
            this.measureEnd = measureEnd;
            this.done = done;
            this.release = release;
            for (Step step : Step.values()) {
                histograms.put(step, new Histogram(3));
            }
        }

        @Override
        public void run() {
            try {
                loop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
            try {
                // stays alive until its CPU has been read
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void loop() throws InterruptedException {
            while (true) {
                if (pacer.isPresent() ? !pacer.get().await(measureEnd) : System.nanoTime() - measureEnd >= 0) {
                    return;
                }
                long begin = System.nanoTime();
                boolean measured = begin - measureStart >= 0;
                try {
                    GuestRun run = guest.run();
                    if (measured) {
                        run.nanosByStep().forEach((step, nanos) -> histograms.get(step).recordValue(Math.max(1, nanos / 1000)));
                        handshakes++;
                        tokenChars += run.tokenChars();
                    }
                } catch (GuestFailure failure) {
                    if (measured) {
                        errors.merge(failure.type(), 1L, Long::sum);
                    } else {
                        warmupErrors++;
                    }
                }
            }
        }
    }
}
