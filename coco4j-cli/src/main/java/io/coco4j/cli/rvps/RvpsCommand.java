package io.coco4j.cli.rvps;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coco4j rvps}: reference values, on a KBS ({@code --url}) or in a local data directory. */
@Command(name = "rvps", mixinStandardHelpOptions = true,
        description = {"Register, show and delete reference values: on a KBS with --url (and an admin key or token),",
                "or in the reference-value store of a local data directory (--data-dir) without it."},
        subcommands = {
                RvpsRegisterCommand.class,
                RvpsGetCommand.class,
                RvpsListCommand.class,
                RvpsDeleteCommand.class
        })
public final class RvpsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
