package io.coco4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code coco4j} command. */
@Command(name = "coco4j", mixinStandardHelpOptions = true, version = "coco4j 0.1.0",
        description = "Confidential Containers Key Broker, Attestation and Reference Value services, and their guest client.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
