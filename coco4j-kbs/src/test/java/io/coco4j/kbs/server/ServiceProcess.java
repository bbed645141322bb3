package io.coco4j.kbs.server;

import io.coco4j.kbs.config.AttestationServerConfig;
import io.coco4j.kbs.config.KbsConfigLoader;
import io.coco4j.kbs.config.LoadedKbsConfig;
import io.coco4j.kbs.config.LoadedServiceConfig;
import io.coco4j.kbs.config.ReferenceValueServerConfig;
import io.coco4j.kbs.config.ServiceConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A KBS, AS or RVPS in a process of its own (development mode), for tests that run services apart
 * or kill one ({@code SIGKILL}, no graceful anything) and start it again on the same data.
 * {@link #start} runs {@link #main} in a new JVM on the test's class path with
 * {@code <kbs|as|rvps> <config> <data dir>}; the child prints {@code PORTS name=port …} once it
 * listens ({@code http} for the REST or KBS API, {@code grpc} for the gRPC API), then serves until killed.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** Start-up speed over peak speed: these servers live for seconds. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");
    private static final String PORTS = "PORTS ";

    private final Process process;
    private final Map<String, Integer> ports;
    private final Path log;

    private ServiceProcess(Process process, Map<String, Integer> ports, Path log) {
        this.process = process;
        this.ports = Map.copyOf(ports);
        this.log = log;
    }

    /** The child. */
    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[1]);
        DataDirectory data = new DataDirectory(Path.of(args[2]));
        switch (args[0]) {
            case "kbs" -> {
                LoadedKbsConfig loaded = KbsConfigLoader.load(config);
                KbsServer server = KbsServer.start(new KbsServer.Options(loaded.config(), ServerMode.DEVELOPMENT, data, loaded.notices()));
                report("http=" + server.port());
                server.join();
            }
            case "as" -> {
                LoadedServiceConfig<AttestationServerConfig> loaded = ServiceConfigLoader.loadAttestationServer(config);
                AttestationServer server = AttestationServer.start(new AttestationServer.Options(loaded.config(), ServerMode.DEVELOPMENT,
                        data, loaded.notices()));
                report("http=" + server.restPort() + " grpc=" + server.grpcPort());
                server.join();
            }
            case "rvps" -> {
                LoadedServiceConfig<ReferenceValueServerConfig> loaded = ServiceConfigLoader.loadReferenceValueServer(config);
                ReferenceValueServer server = ReferenceValueServer.start(new ReferenceValueServer.Options(loaded.config(),
                        ServerMode.DEVELOPMENT, data, loaded.notices()));
                report("http=" + server.restPort() + " grpc=" + server.grpcPort());
                server.join();
            }
            default -> throw new IllegalArgumentException("kbs, as or rvps, not " + args[0]);
        }
    }

    private static void report(String ports) {
        System.out.println(PORTS + ports);
        System.out.flush();
    }

    /**
     * Starts {@code kind} ({@code kbs}, {@code as} or {@code rvps}) with {@code config} (loopback
     * ports, plain HTTP) and data directory {@code data}, and waits until it listens. Its log is
     * appended to {@code log}, so restarts on the same data read as one story.
     */
    public static ServiceProcess start(String kind, Path config, Path data, Path log) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServiceProcess.class.getName(), kind,
                config.toString(), data.toString()));
        Files.writeString(log, "==== starting " + kind + " on " + data + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        CompletableFuture<String> announced = new CompletableFuture<>();
        Thread reader = new Thread(() -> readPorts(process, announced), kind + "-process-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            String line = announced.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
            if (line == null) {
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("the " + kind + " process exited before it listened (exit " + exitCode(process)
                        + "; see " + log + ")");
            }
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String pair : line.substring(PORTS.length()).trim().split(" ")) {
                String[] parts = pair.split("=");
                ports.put(parts[0], Integer.parseInt(parts[1]));
            }
            return new ServiceProcess(process, ports, log);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new IllegalStateException("the " + kind + " process did not listen within " + STARTUP.toSeconds() + " s (see "
                    + log + ")", e);
        } catch (RuntimeException | InterruptedException e) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Completes {@code announced} with the {@code PORTS} line (null at end of output), then drains the rest. */
    private static void readPorts(Process process, CompletableFuture<String> announced) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(PORTS)) {
                    announced.complete(line);
                }
            }
        } catch (IOException e) {
            // the process died: the caller sees it through the future or the exit code
        }
        announced.complete(null);
    }

    private static String exitCode(Process process) {
        return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
    }

    /** The port the process reported under {@code name}. */
    public int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalArgumentException("the process reported no " + name + " port: " + ports);
        }
        return port;
    }

    /** {@code http://127.0.0.1:<http port>}. */
    public String url() {
        return "http://127.0.0.1:" + port("http");
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
            throw new IllegalStateException("process " + process.pid() + " survived SIGKILL for 30 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
