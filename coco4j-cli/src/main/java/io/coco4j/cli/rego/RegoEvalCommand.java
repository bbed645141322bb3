package io.coco4j.cli.rego;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.Limits;
import io.coco4j.rego.PreparedPolicy;
import io.coco4j.rego.QueryResult;
import io.coco4j.rego.RegoEngine;
import io.coco4j.rego.RegoException;
import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.eval.TraceEvent;
import io.coco4j.rego.value.Json;
import io.coco4j.rego.value.Value;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coco4j rego eval}: evaluates a query and prints the result as {@code opa eval} does. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a Rego query and print the result as JSON (the shape `opa eval` prints).")
final class RegoEvalCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-d", "--data"}, description = "Policy (.rego) or data (.json, .yaml) file or folder; repeatable.")
    List<Path> data = new ArrayList<>();

    @Option(names = {"-i", "--input"}, description = "Input document (JSON or YAML file).")
    Path input;

    @Option(names = "--explain", description = "Print which rule bodies were tried and the statement each failed at.")
    boolean explain;

    @Option(names = "--v0", description = "Parse policies as Rego v0 (OPA's v0-compatibility mode).")
    boolean v0;

    @Option(names = "--compat", description = "Engine whose behaviour to mirror where they differ: ${COMPLETION-CANDIDATES}.",
            defaultValue = "OPA")
    Compatibility compat;

    @Option(names = "--lenient", description = "Treat failing builtins as undefined instead of failing the evaluation.")
    boolean lenient;

    @Option(names = "--timeout", description = "Time limit per evaluation, e.g. 5s or 500ms.", converter = DurationConverter.class)
    Duration timeout;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The query, e.g. data.policy.allow")
    String query;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyFiles files;
        Value in;
        try {
            files = PolicyFiles.load(data);
            in = input == null ? null : PolicyFiles.readValue(input);
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Limits limits = timeout == null ? Limits.DEFAULT : Limits.DEFAULT.withTimeLimit(timeout);
        RegoEngine engine = RegoEngine.builder().regoVersion(v0 ? RegoVersion.V0 : RegoVersion.V1).compatibility(compat)
                .strictBuiltinErrors(!lenient).limits(limits).build();
        try {
            PreparedPolicy policy = engine.prepare(files.policies);
            QueryResult r = policy.evaluation().input(in).data(files.data).explain(explain)
                    .prints((loc, msg) -> err.println(loc.file() + ":" + loc.line() + ": " + msg)).query(query);
            if (explain) {
                for (TraceEvent ev : r.trace()) {
                    out.println(ev);
                }
                out.println();
            }
            out.println(Json.writePretty(r.toOpaJson()));
            out.flush();
            return 0;
        } catch (RegoException e) {
            for (var error : e.errors()) {
                err.println(error);
            }
            err.flush();
            return 1;
        }
    }

    /** Parses {@code 500ms}, {@code 5s}, {@code 2m}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String s) {
            String v = s.trim();
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            return Duration.ofMillis(Long.parseLong(v));
        }
    }
}
