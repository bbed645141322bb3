package io.coco4j.bench.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmark's KBS in a process of its own: it accepts the guests of the chain generated in this
 * JVM (and only those), its CPU is read from /proc, and it ends with the benchmark.
 */
class SpawnedKbsTest {

    private static final byte[] SECRET = "bench secret".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sample", "snp", "tdx"})
    void theGuestsOfTheGeneratedChainGetTheResourceFromAKbsProcess(String name) throws Exception {
        GuestTee tee = GuestTees.create(name, dir);
        LoadSettings settings = LoadSettings.of("http://unused", 2, Duration.ofSeconds(2), Duration.ofMillis(500));
        LoadReport report;
        long pid;
        try (SpawnedKbs kbs = SpawnedKbs.start(tee.trust(), LoadSettings.DEFAULT_RESOURCE, SECRET, dir.resolve("kbs"),
                Optional.empty(), List.of("-Xmx256m"));
             ProcessProbe probe = new ProcessProbe(kbs.pid())) {
            pid = kbs.pid();
            assertThat(pid).isNotEqualTo(ProcessHandle.current().pid());
            LoadGenerator generator = new LoadGenerator(settings.withUrl(kbs.url()), tee, probe, kbs.url());
            generator.firstGuest();
            report = generator.run();
            // the secret was handed over in a file that is gone once the KBS has read it
            assertThat(dir.resolve("kbs").resolve("resource.bin")).doesNotExist();
        }

        assertThat(report.errors()).isEmpty();
        assertThat(report.handshakes()).isPositive();
        assertThat(report.cpu().serverSeconds()).isPresent();
        assertThat(report.cpu().serverSeconds().getAsDouble()).isPositive();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("the KBS process ended").isFalse();
    }

    @Test
    void aKbsProcessTrustsOnlyTheChainItWasGiven() throws Exception {
        GuestTee trusted = GuestTees.create("snp", dir);
        GuestTee other = GuestTees.create("snp", dir);
        LoadSettings settings = LoadSettings.of("http://unused", 1, Duration.ofSeconds(1), Duration.ZERO);
        try (SpawnedKbs kbs = SpawnedKbs.start(trusted.trust(), LoadSettings.DEFAULT_RESOURCE, SECRET, dir.resolve("kbs"),
                Optional.empty(), List.of())) {
            LoadReport report = new LoadGenerator(settings.withUrl(kbs.url()), other, ServerProbe.NONE, kbs.url()).run();

            assertThat(report.handshakes()).isZero();
            assertThat(report.errors()).containsOnlyKeys("attest: HTTP 401 AttestationError");
        }
    }

    @Test
    void aKbsProcessThatCannotStartIsReportedWithItsOutput() {
        assertThatThrownBy(() -> SpawnedKbs.start(BenchTrust.sample(), LoadSettings.DEFAULT_RESOURCE, SECRET, dir.resolve("kbs"),
                Optional.empty(), List.of("-XX:+NoSuchJvmOption")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ended before it was ready")
                .hasMessageContaining("NoSuchJvmOption");
    }

    @Test
    void aTrustSurvivesTheFileAndAMalformedOneIsRefused() throws Exception {
        BenchTrust tdx = GuestTees.create("tdx", dir).trust();
        Path file = dir.resolve("trust.json");
        tdx.write(file);
        assertThat(BenchTrust.read(file)).isEqualTo(tdx);

        Files.writeString(file, "{\"tee\":\"snp\",\"root_sha256\":\"ABC\"}");
        assertThatThrownBy(() -> BenchTrust.read(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 lowercase hex");
        Files.writeString(file, "{\"tee\":\"snp\"}");
        assertThatThrownBy(() -> BenchTrust.read(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARK fingerprint");
        Files.writeString(file, "{\"tee\":\"sev\"}");
        assertThatThrownBy(() -> BenchTrust.read(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown TEE");
        Files.writeString(file, "[]");
        assertThatThrownBy(() -> BenchTrust.read(file)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no \"tee\"");
    }
}
