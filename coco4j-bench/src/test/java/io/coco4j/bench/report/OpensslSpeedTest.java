package io.coco4j.bench.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class OpensslSpeedTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = OpensslSpeedTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheRatesOfOpenssl3() throws Exception {
        OpensslSpeed speed = OpensslSpeed.parse(resource("openssl-speed-3.0.19.txt"));
        assertThat(speed).isEqualTo(new OpensslSpeed("OpenSSL 3.0.19", 39175.8, 13370.0, 871.0, 1108.2, 15126.3));
    }

    @Test
    void readsTheRatesOfOpenssl111() throws Exception {
        OpensslSpeed speed = OpensslSpeed.parse(resource("openssl-speed-1.1.1.txt"));
        assertThat(speed).isEqualTo(new OpensslSpeed("OpenSSL 1.1.1w", 41020.3, 13150.9, 833.5, 1047.1, 16002.4));
    }

    @Test
    void otherCurvesAndOrderDoNotMatter() throws Exception {
        String output = """
                                              op      op/s
                 256 bits ecdh (nistp256)   0.0001s  15000.0
                 521 bits ecdh (nistp521)   0.0010s   1000.0
                                              sign    verify    sign/s verify/s
                 521 bits ecdsa (nistp521)   0.0005s   0.0010s   2000.0   1000.0
                 384 bits ecdsa (nistp384)   0.0011s   0.0009s    900.0   1100.0
                 256 bits ecdsa (nistp256)   0.0000s   0.0001s  40000.0  13000.0
                """;
        assertThat(OpensslSpeed.parse(output))
                .isEqualTo(new OpensslSpeed("OpenSSL (version not printed)", 40000.0, 13000.0, 900.0, 1100.0, 15000.0));
    }

    @Test
    void aMissingCurveIsNamed() throws Exception {
        String withoutP384 = resource("openssl-speed-3.0.19.txt").replaceAll("(?m)^ 384 bits ecdsa.*$", "");
        assertThatThrownBy(() -> OpensslSpeed.parse(withoutP384)).isInstanceOf(OpensslOutputException.class)
                .hasMessage("no '384 bits ecdsa (nistp384)' line in the openssl speed output");
        String withoutEcdh = resource("openssl-speed-3.0.19.txt").replaceAll("(?m)^ 256 bits ecdh.*$", "");
        assertThatThrownBy(() -> OpensslSpeed.parse(withoutEcdh)).isInstanceOf(OpensslOutputException.class)
                .hasMessage("no '256 bits ecdh (nistp256)' line in the openssl speed output");
        assertThatThrownBy(() -> OpensslSpeed.parse("")).isInstanceOf(OpensslOutputException.class)
                .hasMessage("no '256 bits ecdsa (nistp256)' line in the openssl speed output");
    }

    @Test
    void aZeroRateIsRefused() throws Exception {
        String zero = resource("openssl-speed-3.0.19.txt").replace("15126.3", "0.0");
        assertThatThrownBy(() -> OpensslSpeed.parse(zero)).isInstanceOf(OpensslOutputException.class)
                .hasMessageContaining("unusable rate");
    }

    @Test
    void anAbsentCommandIsSkippedWithItsReason() {
        OpensslBaseline baseline = OpensslSpeedCommand.run(List.of("coco4j-no-such-openssl", "speed"));
        assertThat(baseline).isInstanceOf(OpensslBaseline.Unavailable.class);
        assertThat(((OpensslBaseline.Unavailable) baseline).reason()).startsWith("openssl cannot be run");
    }

    @Test
    void aFailingOrUnreadableRunIsSkippedWithItsReason() {
        OpensslBaseline failed = OpensslSpeedCommand.run(List.of("sh", "-c", "exit 3"));
        assertThat(failed).isEqualTo(new OpensslBaseline.Unavailable("openssl speed exited with status 3"));
        OpensslBaseline unreadable = OpensslSpeedCommand.run(List.of("sh", "-c", "echo 'nothing measured'"));
        assertThat(unreadable).isEqualTo(
                new OpensslBaseline.Unavailable("no '256 bits ecdsa (nistp256)' line in the openssl speed output"));
    }

    /** About five seconds; skipped where openssl is not installed. */
    @Test
    void theInstalledOpensslIsRead() {
        assumeThat(onPath("openssl")).as("openssl on PATH").isTrue();
        OpensslBaseline baseline = OpensslSpeedCommand.run();
        assertThat(baseline).isInstanceOf(OpensslBaseline.Measured.class);
        OpensslSpeed speed = ((OpensslBaseline.Measured) baseline).speed();
        assertThat(speed.version()).startsWith("OpenSSL ");
        assertThat(speed.p256Sign()).isGreaterThan(speed.p384Sign());
        assertThat(speed.p256Verify()).isGreaterThan(speed.p384Verify());
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, command)));
    }
}
