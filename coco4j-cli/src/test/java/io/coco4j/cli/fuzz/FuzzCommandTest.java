package io.coco4j.cli.fuzz;

import io.coco4j.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FuzzCommandTest {

    private record Run(int exitCode, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Run(commandLine.execute(args), err.toString());
    }

    @Test
    void withoutTargetOrListItRefusesToStart() {
        Run run = run("fuzz", "--no-build");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name a TARGET or use --list");
    }

    @Test
    void aDurationBelowOneSecondIsRefused() {
        Run run = run("fuzz", "snp-report", "--seconds", "0", "--no-build");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--seconds and --timeout must be at least 1");
    }

    @Test
    void aDirectoryThatIsNoCheckoutIsNamed(@TempDir Path dir) {
        Run run = run("fuzz", "snp-report", "--project", dir.toString(), "--no-build");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(dir + " is not a coco4j checkout");
    }

    @Test
    void anUnbuiltFuzzModuleIsReportedWithTheWayOut(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("coco4j-fuzz"));
        Files.writeString(dir.resolve("coco4j-fuzz/pom.xml"), "<project/>");
        Run run = run("fuzz", "snp-report", "--project", dir.toString(), "--no-build");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("fuzz.classpath is missing: build the fuzz module first (drop --no-build)");
    }

    @Test
    void theCheckoutIsFoundFromTheModuleDirectory() throws Exception {
        FuzzModule module = FuzzModule.locate(Optional.empty());
        assertThat(module.directory().resolve("pom.xml")).exists();
        assertThat(module.buildCommand(true)).containsSubsequence("-o", "-pl", "coco4j-fuzz", "-am", "process-test-classes");
    }
}
