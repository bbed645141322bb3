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
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A KBS, AS or RVPS in a process of its own (development mode), for tests that run services apart
 * or kill one: {@code <kbs|as|rvps> <config> <data dir>}. Prints {@code PORTS name=port …} once it
 * listens ({@code http} for the REST or KBS API, {@code grpc} for the gRPC API), then serves until killed.
 */
public final class ServiceProcess {

    /** A started service process and the ports it reported. */
    public record Started(Process process, Map<String, Integer> ports) implements AutoCloseable {
        public int port(String name) {
            Integer port = ports.get(name);
            if (port == null) {
                throw new IllegalArgumentException("the process reported no " + name + " port: " + ports);
            }
            return port;
        }

        /** SIGKILL: no graceful anything. */
        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private ServiceProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[1]);
        DataDirectory data = new DataDirectory(Path.of(args[2]));
        switch (args[0]) {
            case "kbs" -> {
                LoadedKbsConfig loaded = KbsConfigLoader.load(config);
                KbsServer server = KbsServer.start(new KbsServer.Options(loaded.config(), ServerMode.DEVELOPMENT, data, loaded.notices()));
                report("PORTS http=" + server.port());
                server.join();
            }
            case "as" -> {
                LoadedServiceConfig<AttestationServerConfig> loaded = ServiceConfigLoader.loadAttestationServer(config);
                AttestationServer server = AttestationServer.start(new AttestationServer.Options(loaded.config(), ServerMode.DEVELOPMENT,
                        data, loaded.notices()));
                report("PORTS http=" + server.restPort() + " grpc=" + server.grpcPort());
                server.join();
            }
            case "rvps" -> {
                LoadedServiceConfig<ReferenceValueServerConfig> loaded = ServiceConfigLoader.loadReferenceValueServer(config);
                ReferenceValueServer server = ReferenceValueServer.start(new ReferenceValueServer.Options(loaded.config(),
                        ServerMode.DEVELOPMENT, data, loaded.notices()));
                report("PORTS http=" + server.restPort() + " grpc=" + server.grpcPort());
                server.join();
            }
            default -> throw new IllegalArgumentException("kbs, as or rvps, not " + args[0]);
        }
    }

    private static void report(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /**
     * Starts {@code kind} with this test's class path; its log goes to {@code log}. Fails when it has
     * not reported its ports within a minute.
     */
    public static Started start(String kind, Path config, Path dataDir, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ServiceProcess.class.getName(), kind,
                config.toString(), dataDir.toString())
                .redirectError(log.toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(60, TimeUnit.SECONDS);
        if (line == null || !line.startsWith("PORTS ")) {
            process.destroyForcibly();
            throw new IllegalStateException("the " + kind + " process did not start (see " + log + ")");
        }
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String pair : line.substring("PORTS ".length()).trim().split(" ")) {
            String[] parts = pair.split("=");
            ports.put(parts[0], Integer.parseInt(parts[1]));
        }
        return new Started(process, ports);
    }
}
