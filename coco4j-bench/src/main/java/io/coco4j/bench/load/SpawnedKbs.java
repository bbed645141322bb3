package io.coco4j.bench.load;

import io.coco4j.protocol.resource.ResourceUri;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A benchmark KBS in a process of its own ({@link BenchKbsMain} on this JVM's {@code java} and class
 * path): its CPU, heap and descriptors are then its own, as a real server's are, and it can be pinned
 * to cores apart from the load generator's ({@code taskset -c}). It trusts the guests' generated
 * vendor root through the {@link BenchTrust} written to its directory, and ends when closed or when
 * this JVM ends.
 */
public final class SpawnedKbs implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    /** The collector the {@code coco4j} launcher and the image run a KBS with, unless an option names another. */
    static final List<String> DEFAULT_GC = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10");

    private final Process process;
    private final String url;

    private SpawnedKbs(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * @param dir        the KBS's data directory, trust file and log ({@code kbs.log})
     * @param cpus       a {@code taskset -c} CPU list the KBS is pinned to, or empty for this process's CPUs
     * @param jvmOptions options for the KBS's JVM, e.g. a heap size or a profiler
     * @throws IOException when the process cannot start or does not become ready (the log's last lines say why)
     */
    public static SpawnedKbs start(BenchTrust trust, ResourceUri resource, byte[] secret, Path dir, Optional<String> cpus,
                                   List<String> jvmOptions) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path trustFile = dir.resolve("trust.json");
        trust.write(trustFile);
        Path secretFile = Files.createFile(dir.resolve("resource.bin"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(secretFile, secret);
        Path log = dir.resolve("kbs.log");

        List<String> command = new ArrayList<>();
        cpus.ifPresent(list -> command.addAll(List.of("taskset", "-c", list)));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (jvmOptions.stream().noneMatch(option -> option.matches("-XX:\\+Use\\w*GC"))) {
            command.addAll(DEFAULT_GC);
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchKbsMain.class.getName(),
                trustFile.toString(), dir.resolve("data").toString(), resource.toString(), secretFile.toString()));
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            String url = awaitReady(process, log);
            return new SpawnedKbs(process, url);
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    private static String awaitReady(Process process, Path log) throws IOException, InterruptedException {
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            // reads the KBS's output to its end, so that it never blocks on a full pipe
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(BenchKbsMain.READY)) {
                        ready.complete(line.substring(BenchKbsMain.READY.length()).trim());
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            ready.complete(null);
        }, "bench-kbs-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String url = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (url == null) {
                throw new IOException("the benchmark KBS ended before it was ready" + lastLines(log));
            }
            return url;
        } catch (TimeoutException e) {
            throw new IOException("the benchmark KBS was not ready within " + START_TIMEOUT.toSeconds() + " s" + lastLines(log));
        } catch (ExecutionException e) {
            throw new IOException("the benchmark KBS could not be started: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "; its last output:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return " (no log: " + e.getMessage() + ")";
        }
    }

    public String url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    /** Closing its input asks the KBS to stop; a KBS that does not is terminated, then killed. */
    private static void stop(Process process) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
