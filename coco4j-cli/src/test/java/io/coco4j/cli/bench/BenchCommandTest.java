package io.coco4j.cli.bench;

import io.coco4j.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line of {@code coco4j bench}; the measurements themselves are not run here (minutes). */
class BenchCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void reportIsASubcommandOfBench() {
        Run help = run("bench", "report", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--out=FILE").contains("--quick").contains("--rcar-json=FILE");
        assertThat(run("bench").out()).contains("report");
    }

    @Test
    void anUnusableLoadGeneratorResultStopsBeforeMeasuring() throws Exception {
        Path rcar = Files.writeString(dir.resolve("rcar.json"), "{\"tee\": \"sample\"}");
        Path out = dir.resolve("report.md");
        Run r = run("bench", "report", "--rcar-json", rcar.toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("coco4j bench report: " + rcar + " has no handshakes_per_second" + System.lineSeparator());
        assertThat(out).doesNotExist();
    }

    @Test
    void theServerCpuListIsCountedAsTasksetReadsIt() {
        assertThat(RcarCommand.cpuCount("0")).isEqualTo(1);
        assertThat(RcarCommand.cpuCount("0-1")).isEqualTo(2);
        assertThat(RcarCommand.cpuCount("0,2-4")).isEqualTo(4);
    }

    @Test
    void everyRcarFileIsReadBeforeAnythingIsMeasured() throws Exception {
        Path good = Files.writeString(dir.resolve("sample.json"), "{\"tee\": \"sample\", \"handshakesPerSecond\": 300}");
        Path bad = Files.writeString(dir.resolve("snp.json"), "{\"tee\": \"sev\", \"handshakesPerSecond\": 200}");
        Path out = dir.resolve("report.md");
        Run r = run("bench", "report", "--rcar-json", good.toString(), "--rcar-json", bad.toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains(bad + ": no floor for TEE 'sev'");
        assertThat(out).doesNotExist();
    }
}
