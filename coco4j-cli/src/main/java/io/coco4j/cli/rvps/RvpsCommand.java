package io.coco4j.cli.rvps;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coco4j rvps}: reference values, on a KBS or a stand-alone RVPS ({@code --url}) or in a local data directory; and the RVPS service. */
@Command(name = "rvps", mixinStandardHelpOptions = true,
        description = {"Register, show and delete reference values: on a KBS or an RVPS ('rvps serve') with --url (and an admin key",
                "or token), or in the reference-value store of a local data directory (--data-dir) without it. 'rvps serve' starts the RVPS."},
        subcommands = {
                RvpsRegisterCommand.class,
                RvpsGetCommand.class,
                RvpsListCommand.class,
                RvpsDeleteCommand.class,
                RvpsServeCommand.class
        })
public final class RvpsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
