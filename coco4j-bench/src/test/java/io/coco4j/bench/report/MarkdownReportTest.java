package io.coco4j.bench.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTest {

    private static final Machine MACHINE = new Machine(2, "Test CPU", "Test JDK 17", "Linux test amd64");
    private static final OpensslSpeed OPENSSL = new OpensslSpeed("OpenSSL 3.0.19", 40_000, 10_000, 1_000, 1_100, 15_000);

    private static String render(OpensslBaseline openssl, List<HandshakeThroughput> handshakes, double load) {
        return render(openssl, handshakes, load, Map.of());
    }

    private static String render(OpensslBaseline openssl, List<HandshakeThroughput> handshakes, double load,
                                 Map<MicroBenchmark, Double> jit) {
        return MarkdownReport.render(new ReportData(MACHINE, "JMH, test settings", List.of("EC_P256 -> Conscrypt"),
                load, load, SampleTimings.timings(), wallClock(), jit, openssl, handshakes));
    }

    /** Wall-clock times: each CPU time plus one microsecond. */
    private static Timings wallClock() {
        java.util.Map<MicroBenchmark, Double> wall = SampleTimings.micros();
        wall.replaceAll((benchmark, micros) -> micros + 1);
        return new Timings(wall);
    }

    private static String measured() {
        return render(new OpensslBaseline.Measured(OPENSSL), List.of(), 0.1);
    }

    /** The cells of the table row whose first cell is {@code first}. */
    private static List<String> row(String markdown, String first) {
        return markdown.lines().filter(line -> line.startsWith("| " + first + " |")).findFirst()
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|", -1)).map(String::trim).toList())
                .orElseThrow(() -> new AssertionError("no row '" + first + "' in\n" + markdown));
    }

    @Test
    void theMachineLineNamesCoresCpuJdkAndOpenssl() {
        assertThat(measured()).contains("Machine: 2 cores, Test CPU, Test JDK 17, Linux test amd64, OpenSSL 3.0.19; "
                + "load average 0.10 before, 0.10 after.");
        assertThat(measured()).contains("Measured with: JMH, test settings. Crypto providers: EC_P256 -> Conscrypt.");
        assertThat(measured()).doesNotContain("other work was running");
        assertThat(render(new OpensslBaseline.Measured(OPENSSL), List.of(), 3.0)).contains("other work was running");
    }

    @Test
    void primitivesAreComparedWithOpensslAndTheirTargets() {
        String report = measured();
        assertThat(row(report, "P-256 ECDSA sign")).containsExactly("P-256 ECDSA sign", "20.0", "50,000", "40,000", "0.80", "≤ 1.50", "met");
        assertThat(row(report, "P-256 ECDSA verify")).containsExactly("P-256 ECDSA verify", "100", "10,000", "10,000", "1.00", "≤ 1.50", "met");
        assertThat(row(report, "P-256 ECDH agreement")).containsExactly("P-256 ECDH agreement", "80.0", "12,500", "15,000", "1.20", "≤ 1.50", "met");
        assertThat(row(report, "P-384 ECDSA sign")).containsExactly("P-384 ECDSA sign", "500", "2,000", "1,000", "0.50", "—", "");
        assertThat(row(report, "P-384 ECDSA verify"))
                .containsExactly("P-384 ECDSA verify", "1,000", "1,000", "1,100", "1.10", "≤ 1.00", "**missed**");
    }

    @Test
    void withoutOpensslThePrimitivesStandAloneUnderALoudNote() {
        String report = render(new OpensslBaseline.Unavailable("openssl cannot be run (not found)"), List.of(), 0.1);
        assertThat(report).contains("> **OpenSSL comparison skipped: openssl cannot be run (not found).**");
        assertThat(row(report, "P-256 ECDSA sign")).containsExactly("P-256 ECDSA sign", "20.0", "50,000");
        assertThat(report).doesNotContain("≤ 1.50").doesNotContain(", OpenSSL ");
    }

    @Test
    void operationsAreComparedWithThePrimitivesTheyPerform() {
        String report = measured();
        assertThat(row(report, "EAR token sign")).containsExactly("EAR token sign", "40.0", "25,000", "P-256 ECDSA sign", "20.0", "2.00");
        assertThat(row(report, "EAR token verify"))
                .containsExactly("EAR token verify", "150", "6,667", "P-256 ECDSA verify", "100", "1.50");
        assertThat(row(report, "JWE response to an EC P-256 key")).containsExactly("JWE response to an EC P-256 key", "210",
                "4,762", "P-256 ECDH, fresh key + agreement + AES-256 key wrap of a 32-byte key + AES-256-GCM of a 32-byte resource",
                "105", "2.00");
        assertThat(row(report, "JWE response to an RSA-OAEP-256 key"))
                .containsExactly("JWE response to an RSA-OAEP-256 key", "90.0", "11,111", "—", "—", "—");
        assertThat(row(report, "affirming resource policy over a sample token")).element(1).isEqualTo("12.5");
    }

    @Test
    void theHandshakeFloorAddsUpItsParts() {
        String report = measured();
        assertThat(row(report, "no-op HTTP request (GET /healthz)")).containsExactly("no-op HTTP request (GET /healthz)", "50.0", "3",
                "150", "39 %");
        assertThat(row(report, "**total**")).containsExactly("**total**", "", "", "380", "100 %");
        assertThat(report).contains("with a blocking-socket client instead it costs 10.0 µs");
        // 1 / 380 µs = 2,632/s on one core, twice that on two
        assertThat(row(report, "sample")).containsExactly("sample", "—", "380", "2,632", "5,263", "—", "—");
        assertThat(row(report, "snp")).containsExactly("snp", "+ 1 × P-384 verify", "1,380", "725", "1,449", "—", "—");
        assertThat(row(report, "tdx")).containsExactly("tdx", "+ 2 × P-256 verify", "580", "1,724", "3,448", "—", "—");
        assertThat(report).contains("No end-to-end figure: run `coco4j bench rcar`");
    }

    @Test
    void everyFigureIsListedWithItsWallClockTime() {
        String report = measured();
        List<String> allFigures = report.substring(report.indexOf("## All figures")).lines()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| benchmark")).toList();
        assertThat(allFigures).hasSize(MicroBenchmark.values().length)
                .contains("| P-256 ECDSA sign | 20.0 | 21.0 | 0.00 |", "| JWE response to an EC P-521 key | 2,000 | 2,001 | 0.00 |");
        assertThat(report).doesNotContain("JIT compiler was still busy");
    }

    @Test
    void figuresMeasuredWhileTheJitWasBusyAreMarked() {
        // 2 µs of compilation per 20 µs sign is 10 %: marked; 9.9 µs per 100 µs verify is not
        String report = render(new OpensslBaseline.Measured(OPENSSL), List.of(), 0.1,
                Map.of(MicroBenchmark.P256_SIGN, 2.0, MicroBenchmark.P256_VERIFY, 9.9));
        assertThat(row(report, "P-256 ECDSA sign")).element(1).isEqualTo("20.0 \\*");
        assertThat(row(report, "P-256 ECDSA verify")).element(1).isEqualTo("100");
        assertThat(row(report, "EAR token sign")).element(4).isEqualTo("20.0 \\*");
        assertThat(report).contains("| P-256 ECDSA sign | 20.0 \\* | 21.0 | 2.00 |")
                .contains("\\* The JIT compiler was still busy while this was measured");
    }

    @Test
    void aMeasuredRateIsComparedWithTheFloorOfItsTee() {
        HandshakeThroughput tdx = new RcarResultFile.MeasuredHandshakes("tdx", 412.5, 8, "rcar.json");
        String report = render(new OpensslBaseline.Measured(OPENSSL), List.of(tdx), 0.1);
        // 412.5/s over 2 cores × 1,724.1/s = 3,448.3/s
        assertThat(row(report, "tdx")).containsExactly("tdx", "+ 2 × P-256 verify", "580", "1,724", "3,448", "413", "12.0 %");
        assertThat(row(report, "sample")).endsWith("—", "—");
        assertThat(report).contains("Measured (tdx): rcar.json, at most 8 core(s) busy; compared with the floor on 2 core(s).");

        HandshakeThroughput oneCore = new RcarResultFile.MeasuredHandshakes("tdx", 412.5, 1, "rcar.json");
        String single = render(new OpensslBaseline.Measured(OPENSSL), List.of(oneCore), 0.1);
        assertThat(row(single, "tdx")).endsWith("413", "23.9 %");
    }

    @Test
    void eachTeesRateIsComparedWithItsOwnFloor() {
        HandshakeThroughput sample = new RcarResultFile.MeasuredHandshakes("sample", 350, 1, "sample.json");
        HandshakeThroughput snp = new RcarResultFile.MeasuredHandshakes("snp", 200, 1, "snp.json");
        String report = render(new OpensslBaseline.Measured(OPENSSL), List.of(sample, snp), 0.1);
        assertThat(row(report, "sample")).element(5).isEqualTo("350");
        assertThat(row(report, "snp")).element(5).isEqualTo("200");
        assertThat(row(report, "tdx")).endsWith("—", "—");
        assertThat(report).contains("Measured (sample): sample.json").contains("Measured (snp): snp.json");
    }
}
