package io.coco4j.cli.rego;

import io.coco4j.rego.Compatibility;
import io.coco4j.rego.RegoEngine;
import io.coco4j.rego.RegoError;
import io.coco4j.rego.ast.RegoVersion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coco4j rego check}: parses and compiles policies, reporting every error with its location. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Parse and compile policy files together; print each error as file:line:column: code: message.")
final class RegoCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--v0", description = "Parse policies as Rego v0 (OPA's v0-compatibility mode).")
    boolean v0;

    @Option(names = "--compat", description = "Engine whose behaviour to mirror: ${COMPLETION-CANDIDATES}.", defaultValue = "OPA")
    Compatibility compat;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files or folders.")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyFiles loaded;
        try {
            loaded = PolicyFiles.load(files);
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        RegoEngine engine = RegoEngine.builder().regoVersion(v0 ? RegoVersion.V0 : RegoVersion.V1).compatibility(compat).build();
        List<RegoError> errors = engine.check(loaded.policies);
        for (RegoError e : errors) {
            err.println(e);
        }
        err.flush();
        if (errors.isEmpty()) {
            out.println(loaded.policies.size() + " file(s) OK");
            out.flush();
            return 0;
        }
        return 1;
    }
}
