package io.coco4j.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RcarResultFileTest {

    @TempDir
    Path dir;

    private Path write(String json) throws Exception {
        Path file = dir.resolve("rcar.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsTheRateTeeAndConcurrency() throws Exception {
        Path file = write("{\"handshakes_per_second\": 412.5, \"tee\": \"tdx\", \"concurrency\": 8, \"p99_ms\": 40}");
        HandshakeThroughput result = RcarResultFile.read(file);
        assertThat(result.handshakesPerSecond()).isEqualTo(412.5);
        assertThat(result.tee()).isEqualTo("tdx");
        assertThat(result.concurrency()).isEqualTo(8);
        assertThat(result.source()).isEqualTo(file.toString());
    }

    @Test
    void theTeeDefaultsToSampleAndCamelCaseIsAccepted() throws Exception {
        HandshakeThroughput result = RcarResultFile.read(write("{\"handshakesPerSecond\": 100}"));
        assertThat(result.tee()).isEqualTo("sample");
        assertThat(result.concurrency()).isZero();
    }

    @Test
    void eachDefectHasItsOwnMessage() throws Exception {
        assertThatThrownBy(() -> RcarResultFile.read(dir.resolve("absent.json"))).isInstanceOf(RcarResultException.class)
                .hasMessageStartingWith("cannot read ");
        assertThatThrownBy(() -> RcarResultFile.read(write("not json"))).isInstanceOf(RcarResultException.class)
                .hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> RcarResultFile.read(write("[1]"))).isInstanceOf(RcarResultException.class)
                .hasMessageEndingWith("does not hold a JSON object");
        assertThatThrownBy(() -> RcarResultFile.read(write("{\"tee\": \"sample\"}"))).isInstanceOf(RcarResultException.class)
                .hasMessageEndingWith("has no handshakes_per_second");
        assertThatThrownBy(() -> RcarResultFile.read(write("{\"handshakes_per_second\": -3}")))
                .isInstanceOf(RcarResultException.class).hasMessageContaining("must be a positive number, got -3");
        assertThatThrownBy(() -> RcarResultFile.read(write("{\"handshakes_per_second\": \"fast\"}")))
                .isInstanceOf(RcarResultException.class).hasMessageContaining("must be a positive number");
        assertThatThrownBy(() -> RcarResultFile.read(write("{\"handshakes_per_second\": 5, \"tee\": \"sev\"}")))
                .isInstanceOf(RcarResultException.class).hasMessageContaining("no floor for TEE 'sev'");
        assertThatThrownBy(() -> RcarResultFile.read(write("{\"handshakes_per_second\": 5, \"tee\": 1}")))
                .isInstanceOf(RcarResultException.class).hasMessageContaining("tee must be a string");
        assertThatThrownBy(() -> RcarResultFile.read(write("{\"handshakes_per_second\": 5, \"concurrency\": 1.5}")))
                .isInstanceOf(RcarResultException.class).hasMessageContaining("concurrency must be a positive integer");
    }
}
