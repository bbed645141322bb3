package io.coco4j.cli.rego;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code coco4j rego}: evaluate, check and conformance-test Rego policies with the built-in engine. */
@Command(name = "rego", mixinStandardHelpOptions = true,
        description = "Evaluate and check Rego policies with the in-process engine.",
        subcommands = {RegoEvalCommand.class, RegoCheckCommand.class, RegoConformanceCommand.class})
public final class RegoCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
