package io.coco4j.cli.bench;

import io.coco4j.bench.report.BenchReport;
import io.coco4j.bench.report.HandshakeThroughput;
import io.coco4j.bench.report.RcarResultException;
import io.coco4j.bench.report.RcarResultFile;
import io.coco4j.bench.report.SuiteSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code coco4j bench report}: the micro-benchmarks against OpenSSL and the handshake floor, as Markdown. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Run the standard micro-benchmarks (JMH) and `openssl speed`, and write a Markdown report: "
                + "each figure, the floor it is compared with, and the ratio; the floor rate of a handshake.",
                "Takes about four minutes (under two with --quick); leave the machine otherwise idle."})
public final class BenchReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the report (default: ${DEFAULT-VALUE}).",
            defaultValue = "bench-report.md")
    Path out;

    @Option(names = "--quick", description = "Fewer and shorter iterations: rougher figures, sooner.")
    boolean quick;

    @Option(names = "--rcar-json", paramLabel = "FILE",
            description = "The JSON of a `coco4j bench rcar` run, compared with the handshake floor of its TEE (repeatable: "
                    + "one per TEE, say).")
    List<Path> rcarJson = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<HandshakeThroughput> handshakes = new ArrayList<>();
        for (Path file : rcarJson) {
            try {
                handshakes.add(RcarResultFile.read(file));
            } catch (RcarResultException e) {
                spec.commandLine().getErr().println("coco4j bench report: " + e.getMessage());
                return 2;
            }
        }
        SuiteSettings settings = quick ? SuiteSettings.quick() : SuiteSettings.standard();
        PrintWriter err = spec.commandLine().getErr();
        String markdown = BenchReport.run(new BenchReport.Options(out, settings, handshakes), err);
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().flush();
        err.println("report written to " + out);
        err.flush();
        return 0;
    }
}
