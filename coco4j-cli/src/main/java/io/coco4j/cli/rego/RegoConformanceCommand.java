package io.coco4j.cli.rego;

import io.coco4j.rego.conformance.ConformanceRunner;
import io.coco4j.rego.conformance.Exclusions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coco4j rego conformance}: runs OPA/regorus YAML cases and Kata agent-policy cases. */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Run Rego conformance cases (OPA and regorus YAML formats, Kata agent-policy folders). "
                + "Prints one line per failing case, then `N passed, M failed`; exits 1 when any case failed.")
final class RegoConformanceCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--no-exclusions", description = "Also run the cases excluded by default (see the module README).")
    boolean noExclusions;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders (or files) of cases.")
    List<Path> dirs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        ConformanceRunner.Summary s;
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            s = new ConformanceRunner(noExclusions ? List.of() : Exclusions.DEFAULT).run(dirs, ps);
        }
        out.print(buf.toString(StandardCharsets.UTF_8));
        out.flush();
        return s.failed() == 0 ? 0 : 1;
    }
}
