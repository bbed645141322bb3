package io.coco4j.bench.load;

import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The load generator against a real KBS in this JVM: every guest's run succeeds for each TEE (the
 * snp and tdx guests sign with chains generated for the run, verified by the production verifiers),
 * and what goes wrong is counted by step and kind, never retried away.
 */
class LoadGeneratorTest {

    private static final byte[] SECRET = "bench secret".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private LoadReport run(GuestTee tee, LoadSettings settings, ResourceUri stored) throws Exception {
        try (InProcessKbs kbs = InProcessKbs.start(tee, stored, SECRET, dir.resolve("kbs"));
             ThisJvmProbe probe = new ThisJvmProbe()) {
            LoadGenerator generator = new LoadGenerator(settings.withUrl(kbs.url()), tee, probe, kbs.url() + " (in-process)");
            if (stored.equals(settings.resource())) {
                generator.firstGuest();
            }
            return generator.run();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample", "snp", "tdx"})
    void everyGuestRunSucceedsAgainstTheKbs(String name) throws Exception {
        GuestTee tee = GuestTees.create(name, dir);
        LoadSettings settings = LoadSettings.of("http://unused", 2, Duration.ofSeconds(2), Duration.ofMillis(500))
                .withHeapSamples(List.of(Duration.ofSeconds(1)));

        LoadReport report = run(tee, settings, LoadSettings.DEFAULT_RESOURCE);

        assertThat(report.errors()).isEmpty();
        assertThat(report.warmupErrors()).isZero();
        assertThat(report.tee()).isEqualTo(name);
        assertThat(report.handshakes()).isPositive();
        assertThat(report.handshakesPerSecond()).isEqualTo(report.handshakes() / 2.0);
        for (Step step : Step.values()) {
            LatencySummary latency = report.latency().get(step);
            assertThat(latency.count()).as(step.label()).isEqualTo(report.handshakes());
            assertThat(latency.p50Ms()).as(step.label()).isPositive().isLessThanOrEqualTo(latency.p99Ms());
            assertThat(latency.p99Ms()).isLessThanOrEqualTo(latency.maxMs());
        }
        assertThat(report.latency().get(Step.HANDSHAKE).maxMs()).isGreaterThanOrEqualTo(report.latency().get(Step.ATTEST).maxMs());
        assertThat(report.cpu().generatorSeconds()).isPositive();
        assertThat(report.cpu().serverSeconds()).isPresent();
        assertThat(report.cpu().generatorSeconds()).isLessThanOrEqualTo(report.cpu().thisProcessSeconds());
        // a sample at the start of the measurement, one at 1 s
        assertThat(report.serverSamples()).hasSize(2);
        assertThat(report.serverSamples()).allSatisfy(s -> {
            assertThat(s.heapAfterGcBytes()).isPresent();
            assertThat(s.openFileDescriptors()).isPresent();
        });
        assertThat(report.meanTokenChars()).isGreaterThan(100);
        assertThat(LoadReportJson.of(report).at("/latencyMs/attest/count").asLong()).isEqualTo(report.handshakes());
        assertThat(LoadReportText.of(report)).contains("handshakes/s").contains("resource2");
    }

    @Test
    void aMissingResourceIsCountedAtTheFirstResourceStep() throws Exception {
        GuestTee tee = GuestTees.create("sample", dir);
        LoadSettings settings = LoadSettings.of("http://unused", 1, Duration.ofSeconds(1), Duration.ZERO)
                .withResource(ResourceUri.parse("kbs:///default/bench/absent"));
        try (InProcessKbs kbs = InProcessKbs.start(tee, LoadSettings.DEFAULT_RESOURCE, SECRET, dir.resolve("kbs"))) {
            LoadGenerator generator = new LoadGenerator(settings.withUrl(kbs.url()), tee, ServerProbe.NONE, "in-process");

            assertThatThrownBy(generator::firstGuest).isInstanceOfSatisfying(GuestFailure.class, failure -> {
                assertThat(failure.step()).isEqualTo(Step.RESOURCE1);
                assertThat(failure.type()).isEqualTo("resource1: HTTP 404 ResourceNotFound");
            });
            LoadReport report = generator.run();

            assertThat(report.handshakes()).isZero();
            assertThat(report.errors()).containsOnlyKeys("resource1: HTTP 404 ResourceNotFound");
            assertThat(report.errorCount()).isPositive();
            assertThat(report.latency().get(Step.HANDSHAKE).count()).isZero();
        }
    }

    @Test
    void evidenceFromAnUntrustedChainIsRefusedAtAttest() throws Exception {
        GuestTee trusted = GuestTees.create("snp", dir);
        GuestTee other = GuestTees.create("snp", dir);
        LoadSettings settings = LoadSettings.of("http://unused", 1, Duration.ofSeconds(1), Duration.ZERO);
        try (InProcessKbs kbs = InProcessKbs.start(trusted, LoadSettings.DEFAULT_RESOURCE, SECRET, dir.resolve("kbs"))) {
            LoadReport report = new LoadGenerator(settings.withUrl(kbs.url()), other, ServerProbe.NONE, "in-process").run();

            assertThat(report.handshakes()).isZero();
            assertThat(report.errors()).containsOnlyKeys("attest: HTTP 401 AttestationError");
            assertThat(report.cpu().serverSeconds()).isEmpty();
        }
    }

    @Test
    void anUnreachableKbsIsCountedAsConnectFailures() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LoadSettings settings = LoadSettings.of("http://127.0.0.1:" + port, 1, Duration.ofMillis(300), Duration.ZERO);

        LoadReport report = new LoadGenerator(settings, GuestTees.create("sample", dir), ServerProbe.NONE, "nowhere").run();

        assertThat(report.handshakes()).isZero();
        assertThat(report.errors()).containsOnlyKeys("auth: connect");
    }

    @Test
    void aRateLimitsTheGuestsStarted() throws Exception {
        LoadSettings settings = LoadSettings.of("http://unused", 4, Duration.ofSeconds(2), Duration.ZERO).withRate(10);

        LoadReport report = run(GuestTees.create("sample", dir), settings, LoadSettings.DEFAULT_RESOURCE);

        assertThat(report.errors()).isEmpty();
        // slots at 0, 0.1, … 1.9 s: exactly 20 guests start in the window
        assertThat(report.handshakes()).isEqualTo(20);
        assertThat(report.rate()).hasValue(10.0);
    }
}
