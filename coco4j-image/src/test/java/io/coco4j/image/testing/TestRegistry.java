package io.coco4j.image.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code docker-registry} (the CNCF distribution server) on a loopback port, storing in a
 * temporary directory; optionally with token authentication against a given realm and root certificate.
 */
public final class TestRegistry implements AutoCloseable {

    public final String address;
    private final Process process;
    private final Path log;

    private TestRegistry(String address, Process process, Path log) {
        this.address = address;
        this.process = process;
        this.log = log;
    }

    public static TestRegistry start(Path dir) throws Exception {
        return start(dir, null);
    }

    /** {@code tokenAuth}: extra YAML for the {@code auth:} section, or {@code null} for anonymous access. */
    public static TestRegistry start(Path dir, String tokenAuth) throws Exception {
        Path binary = Tools.require("docker-registry");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.createDirectories(dir.resolve("storage"));
        String config = "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage")
                + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n" + (tokenAuth == null ? "" : "auth:\n" + tokenAuth);
        Path configFile = dir.resolve("config.yml");
        Files.writeString(configFile, config);
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(binary.toString(), "serve", configFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestRegistry registry = new TestRegistry("127.0.0.1:" + port, process, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("docker-registry exited: " + Files.readString(log));
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return registry;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        registry.close();
        throw new AssertionError("docker-registry did not start: " + Files.readString(log));
    }

    /** {@code skopeo copy} into this registry (plain HTTP). */
    public void push(Path layout, String tag, String repository) throws Exception {
        Path skopeo = Tools.require("skopeo");
        Processes.run(List.of(skopeo.toString(), "--insecure-policy", "copy", "--quiet", "--dest-tls-verify=false",
                "oci:" + layout + ":" + tag, "docker://" + address + "/" + repository));
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
