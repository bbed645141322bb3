package io.coco4j.cli.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coco4j bench}: load and memory measurements of a KBS. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a KBS: simulated guests under load, session memory.",
        subcommands = {RcarCommand.class, SessionsCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
