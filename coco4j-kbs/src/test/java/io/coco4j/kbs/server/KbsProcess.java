package io.coco4j.kbs.server;

import io.coco4j.kbs.config.KbsConfigLoader;
import io.coco4j.kbs.config.LoadedKbsConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A KBS in a process of its own, for tests that kill it ({@code SIGKILL}, no graceful anything) and
 * start it again on the same data. {@link #start} runs {@link #main} in a new JVM on the test's
 * class path; the child prints {@code PORT <n>} once it listens, then serves until it is killed.
 */
public final class KbsProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** Start-up speed over peak speed: these servers live for seconds. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");

    private final Process process;
    private final String url;
    private final Path log;

    private KbsProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** The child: {@code <config file> <data directory>}. */
    public static void main(String[] args) throws Exception {
        LoadedKbsConfig loaded = KbsConfigLoader.load(Path.of(args[0]));
        KbsServer server = KbsServer.start(new KbsServer.Options(loaded.config(), ServerMode.DEVELOPMENT,
                new DataDirectory(Path.of(args[1])), loaded.notices()));
        System.out.println("PORT " + server.port());
        System.out.flush();
        server.join();
    }

    /**
     * Starts a KBS with {@code config} (which must listen on a loopback port, plain HTTP) and data
     * directory {@code data}, and waits until it listens. Its log is appended to {@code log}, so
     * restarts on the same data read as one story.
     */
    public static KbsProcess start(Path config, Path data, Path log) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>();
        command.add(java);
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KbsProcess.class.getName(),
                config.toString(), data.toString()));
        Files.writeString(log, "==== starting a KBS on " + data + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        CompletableFuture<String> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> readPort(process, port), "kbs-process-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String line = port.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
            if (line == null) {
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("the KBS exited before it listened (exit " + exitCode(process) + "; see " + log + ")");
            }
            return new KbsProcess(process, "http://127.0.0.1:" + line.substring("PORT ".length()).trim(), log);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("the KBS did not listen within " + STARTUP.toSeconds() + " s (see " + log + ")", e);
        } catch (RuntimeException | InterruptedException e) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Completes {@code port} with the {@code PORT} line (null at end of output), then drains the rest. */
    private static void readPort(Process process, CompletableFuture<String> port) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PORT ")) {
                    port.complete(line);
                }
            }
        } catch (IOException e) {
            // the process died: the caller sees it through the future or the exit code
        }
        port.complete(null);
    }

    private static String exitCode(Process process) {
        return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code SIGKILL} (what {@link Process#destroyForcibly()} sends on Linux), then waits until the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("KBS process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
