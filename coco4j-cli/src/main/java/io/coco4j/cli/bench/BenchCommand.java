package io.coco4j.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coco4j bench}: performance measurements on this machine. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure coco4j's performance on this machine.",
        subcommands = {BenchReportCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
