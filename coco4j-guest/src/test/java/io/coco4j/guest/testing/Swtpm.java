package io.coco4j.guest.testing;

import io.coco4j.guest.attester.tpm.TpmAttester;
import io.coco4j.guest.attester.tpm.TpmSocketTransport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A software TPM 2.0 (Debian's swtpm) in socket mode, unprivileged: raw TPM commands on a Unix
 * socket, its control channel beside it (the layout tpm2-tools' {@code swtpm} TCTI expects). One
 * process per instance, with its state in a temporary directory; {@link #close()} stops it.
 */
public final class Swtpm implements AutoCloseable {

    private final Process process;
    private final Path dataSocket;
    private final Path stateDir;

    private Swtpm(Process process, Path dataSocket, Path stateDir) {
        this.process = process;
        this.dataSocket = dataSocket;
        this.stateDir = stateDir;
    }

    /** Starts a fresh TPM (PCRs reset, TPM2_Startup done); skips the test when swtpm is not installed. */
    public static Swtpm start(Path dir) throws IOException, InterruptedException {
        Path swtpm = ExternalTools.require("swtpm", "swtpm");
        Path state = Files.createDirectories(dir.resolve("swtpm-state"));
        Path data = dir.resolve("tpm.sock");
        Process process = new ProcessBuilder(swtpm.toString(), "socket", "--tpm2",
                "--server", "type=unixio,path=" + data,
                "--ctrl", "type=unixio,path=" + data + ".ctrl",
                "--tpmstate", "dir=" + state,
                "--flags", "startup-clear,not-need-init")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("swtpm.log").toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!Files.exists(data) || !Files.exists(Path.of(data + ".ctrl"))) {
            if (!process.isAlive()) {
                throw new IOException("swtpm exited: " + Files.readString(dir.resolve("swtpm.log")));
            }
            if (Instant.now().isAfter(deadline)) {
                process.destroy();
                throw new IOException("swtpm did not create its sockets");
            }
            Thread.sleep(20);
        }
        return new Swtpm(process, data, state);
    }

    public Path dataSocket() {
        return dataSocket;
    }

    /** A connector for attesters: one socket connection per TPM operation. */
    public TpmAttester.Connector connector() {
        return () -> TpmSocketTransport.connect(dataSocket);
    }

    /** Runs a tpm2-tools command against this TPM; skips the test when tpm2-tools is not installed. */
    public String tpm2(String tool, String... args) throws IOException, InterruptedException {
        Path binary = ExternalTools.require(tool, "tpm2-tools");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(stateDir.toFile());
        builder.environment().put("TPM2TOOLS_TCTI", "swtpm:path=" + dataSocket);
        Process run = builder.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
            throw new IOException(tool + " " + String.join(" ", args) + " failed: " + output);
        }
        return output;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
