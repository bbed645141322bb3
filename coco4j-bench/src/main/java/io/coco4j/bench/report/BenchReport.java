package io.coco4j.bench.report;

import io.coco4j.protocol.crypto.CryptoProviders;
import org.openjdk.jmh.runner.RunnerException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code coco4j bench report}: OpenSSL's rates on this machine, the micro-benchmarks on this JVM, and
 * the Markdown that compares them, written to a file.
 */
public final class BenchReport {

    /**
     * @param handshakes end-to-end rates to compare with the floor of their TEE (none, one or several)
     */
    public record Options(Path out, SuiteSettings settings, List<HandshakeThroughput> handshakes) {
    }

    private BenchReport() {
    }

    /** Measures, writes the report to {@code options.out()} and returns its text. */
    public static String run(Options options, PrintWriter progress) throws RunnerException, IOException {
        double loadBefore = Machine.loadAverage();
        progress.println("openssl: " + String.join(" ", OpensslSpeedCommand.COMMAND));
        OpensslBaseline openssl = OpensslSpeedCommand.run();
        if (openssl instanceof OpensslBaseline.Unavailable unavailable) {
            progress.println("!!! OpenSSL comparison skipped: " + unavailable.reason());
        }
        progress.flush();
        progress.println("JMH: " + options.settings().describe());
        JmhSuite.Measurements measured = new JmhSuite(options.settings(), progress).run();
        double loadAfter = Machine.loadAverage();
        String markdown = MarkdownReport.render(new ReportData(Machine.current(), options.settings().describe(),
                CryptoProviders.get().describe(), loadBefore, loadAfter, measured.cpu(), measured.wallClock(),
                measured.jit(), openssl, options.handshakes()));
        Path parent = options.out().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(options.out(), markdown, StandardCharsets.UTF_8);
        return markdown;
    }
}
