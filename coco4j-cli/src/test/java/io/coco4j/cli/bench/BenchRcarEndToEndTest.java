package io.coco4j.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.cli.CliRun;
import io.coco4j.cli.Main;
import io.coco4j.protocol.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code coco4j bench rcar} against a real {@code coco4j serve --dev} process: a 10-second smoke at full
 * speed, then a 60-second soak at half the throughput the smoke reached. Both must see no error at all;
 * the soak's server must end with its open descriptors where they were and its heap after GC grown by
 * no more than the sessions still alive hold. No speed is asserted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchRcarEndToEndTest {

    /** A session with a sample token measures about 2.7 KB ({@code coco4j bench sessions}); sessions live 5 minutes. */
    private static final long SESSION_BYTES_BOUND = 4096;
    private static final long HEAP_MARGIN_BYTES = 8L << 20;
    private static final int CLIENTS = 16;
    private static final Pattern READY = Pattern.compile("coco4j KBS ready at (http://\\S+)");

    private Path dir;
    private Process server;
    private String url;
    private double fullSpeed;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static JsonNode json(CliRun run) throws Exception {
        return Json.readTree(run.out());
    }

    @BeforeAll
    void startServer(@TempDir Path temporary) throws Exception {
        dir = temporary;
        Path data = dir.resolve("data");
        Path log = dir.resolve("serve.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--dev", "--listen", "127.0.0.1:0", "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (url == null && System.nanoTime() < deadline && server.isAlive()) {
            Matcher ready = READY.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (ready.find()) {
                url = ready.group(1);
            } else {
                Thread.sleep(200);
            }
        }
        assertThat(url).as("the server started (see %s)", log).isNotNull();
        CliRun stored = run("admin", "set-resource", "--url", url, "--data-dir", data.toString(), "kbs:///default/bench/key",
                "--value", "bench secret");
        assertThat(stored.exitCode()).as(stored.err()).isZero();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private String pid() {
        return Long.toString(server.pid());
    }

    @Test
    @Order(1)
    void tenSecondsAtFullSpeedWithoutAnError() throws Exception {
        CliRun smoke = run("bench", "rcar", "--url", url, "--clients", Integer.toString(CLIENTS), "--duration", "10s", "--warmup", "2s",
                "--server-pid", pid(), "--json", "--fail-on-error");

        assertThat(smoke.exitCode()).as(smoke.out() + smoke.err()).isZero();
        JsonNode report = json(smoke);
        assertThat(report.at("/errors/total").asLong()).isZero();
        assertThat(report.at("/errors/warmup").asLong()).isZero();
        assertThat(report.get("handshakes").asLong()).isPositive();
        assertThat(report.at("/latencyMs/resource2/count").asLong()).isEqualTo(report.get("handshakes").asLong());
        assertThat(report.at("/cpu/serverMsPerHandshake").isNumber()).isTrue();
        fullSpeed = report.get("handshakesPerSecond").asDouble();
    }

    @Test
    @Order(2)
    void sixtySecondsAtHalfSpeedLeaveDescriptorsAndHeapWhereTheyWere() throws Exception {
        double rate = Math.max(1, fullSpeed / 2);
        CliRun soak = run("bench", "rcar", "--url", url, "--clients", Integer.toString(CLIENTS), "--duration", "60s", "--warmup", "3s",
                "--rate", String.format(java.util.Locale.ROOT, "%.1f", rate), "--heap-samples", "20s,40s,60s",
                "--server-pid", pid(), "--json", "--fail-on-error");

        assertThat(soak.exitCode()).as(soak.out() + soak.err()).isZero();
        JsonNode report = json(soak);
        assertThat(report.at("/errors/total").asLong()).isZero();
        assertThat(report.at("/errors/warmup").asLong()).isZero();
        long handshakes = report.get("handshakes").asLong();
        assertThat(handshakes).isPositive();

        List<Long> heap = new ArrayList<>();
        List<Long> descriptors = new ArrayList<>();
        for (JsonNode sample : report.get("serverSamples")) {
            heap.add(sample.get("heapAfterGcBytes").asLong());
            descriptors.add(sample.get("openFileDescriptors").asLong());
        }
        assertThat(heap).as("samples at 0, 20, 40 s and the end").hasSize(4).allSatisfy(h -> assertThat(h).isPositive());
        // every session of the measured window is still alive (5 minutes); nothing else may stay behind
        assertThat(heap.get(3) - heap.get(0)).as("heap after GC %s", heap)
                .isLessThanOrEqualTo(handshakes * SESSION_BYTES_BOUND + HEAP_MARGIN_BYTES);
        // at most one kept-alive connection per client comes and goes
        long fewest = descriptors.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(descriptors).as("open descriptors").allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(fewest + CLIENTS + 8));
    }

    @Test
    @Order(3)
    void aMissingResourceStopsTheRunBeforeTheLoad() {
        CliRun missing = run("bench", "rcar", "--url", url, "--duration", "1s", "--resource", "kbs:///default/bench/absent");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("resource1: HTTP 404").contains("store the resource first");
        assertThat(missing.out()).isEmpty();
    }

    @Test
    @Order(4)
    void hardwareTeesNeedTheKbsThatTrustsTheirGeneratedChain() {
        CliRun snp = run("bench", "rcar", "--url", url, "--tee", "snp");

        assertThat(snp.exitCode()).isEqualTo(2);
        assertThat(snp.err()).contains("--tee snp needs --spawn-kbs or --in-process");
        CliRun pinned = run("bench", "rcar", "--url", url, "--server-cpus", "0");
        assertThat(pinned.exitCode()).isEqualTo(2);
        assertThat(pinned.err()).contains("--server-cpus and --server-java-option are for the KBS that --spawn-kbs starts");
        CliRun badList = run("bench", "rcar", "--spawn-kbs", "--server-cpus", "first");
        assertThat(badList.exitCode()).isEqualTo(2);
        assertThat(badList.err()).contains("--server-cpus takes a taskset -c list");
    }

    @Test
    @Order(5)
    void tdxGuestsAgainstAKbsProcessPinnedToACore() throws Exception {
        CliRun spawned = run("bench", "rcar", "--spawn-kbs", "--server-cpus", "0", "--server-java-option", "-Xmx256m", "--tee", "tdx",
                "--clients", "2", "--duration", "2s", "--warmup", "1s", "--json", "--fail-on-error");

        assertThat(spawned.exitCode()).as(spawned.out() + spawned.err()).isZero();
        JsonNode report = json(spawned);
        assertThat(report.get("tee").asText()).isEqualTo("tdx");
        assertThat(report.get("handshakes").asLong()).isPositive();
        assertThat(report.at("/cpu/serverSource").asText()).startsWith("process ");
        assertThat(report.at("/cpu/serverMsPerHandshake").asDouble()).isPositive();
        assertThat(report.get("concurrency").asInt()).as("the cores bench report compares with").isEqualTo(1);
    }

    @Test
    @Order(6)
    void snpGuestsAgainstAnInProcessKbs() throws Exception {
        CliRun inProcess = run("bench", "rcar", "--in-process", "--tee", "snp", "--clients", "2", "--duration", "2s", "--warmup", "1s",
                "--json", "--fail-on-error");

        assertThat(inProcess.exitCode()).as(inProcess.out() + inProcess.err()).isZero();
        JsonNode report = json(inProcess);
        assertThat(report.get("tee").asText()).isEqualTo("snp");
        assertThat(report.get("handshakes").asLong()).isPositive();
        assertThat(report.at("/cpu/serverSource").asText()).contains("this JVM");
    }

    @Test
    @Order(7)
    void sessionsInAHeapOfTheirOwn() throws Exception {
        CliRun sessions = run("bench", "sessions", "--count", "2000", "--heap", "256m", "--json");

        assertThat(sessions.exitCode()).as(sessions.out() + sessions.err()).isZero();
        JsonNode report = json(sessions);
        assertThat(report.get("sessions").asInt()).isEqualTo(2000);
        assertThat(report.get("maxHeapBytes").asLong()).isLessThanOrEqualTo(256L << 20);
        assertThat(report.get("heapAfterBytes").asLong()).isGreaterThan(report.get("heapBeforeBytes").asLong());
    }
}
