package io.coco4j.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coco4j bench}: performance measurements of a KBS and of coco4j on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure coco4j: simulated guests under load, session memory, micro-benchmarks against their floor.",
        subcommands = {RcarCommand.class, SessionsCommand.class, BenchReportCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
