package io.coco4j.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code openssl speed -seconds 1 ecdsap256 ecdsap384 ecdhp256} (about five seconds) and reads its rates. */
public final class OpensslSpeedCommand {

    public static final List<String> COMMAND =
            List.of("openssl", "speed", "-seconds", "1", "ecdsap256", "ecdsap384", "ecdhp256");
    private static final long TIMEOUT_SECONDS = 120;

    private OpensslSpeedCommand() {
    }

    public static OpensslBaseline run() {
        return run(COMMAND);
    }

    /** Runs {@code command} as if it were openssl speed (tests give it other commands). */
    static OpensslBaseline run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return new OpensslBaseline.Unavailable("openssl cannot be run (" + e.getMessage() + ")");
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new OpensslBaseline.Unavailable("openssl speed did not finish within " + TIMEOUT_SECONDS + " s");
            }
            String text = output.join();
            if (process.exitValue() != 0) {
                return new OpensslBaseline.Unavailable("openssl speed exited with status " + process.exitValue());
            }
            return new OpensslBaseline.Measured(OpensslSpeed.parse(text));
        } catch (OpensslOutputException e) {
            return new OpensslBaseline.Unavailable(e.getMessage());
        } catch (IOException e) {
            return new OpensslBaseline.Unavailable("openssl speed failed: " + e.getMessage());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return new OpensslBaseline.Unavailable("interrupted while openssl speed ran");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
