package io.coco4j.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coco4j admin}: the KBS admin API and admin credentials. */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage a KBS: resources, policies, and admin keys and tokens.",
        subcommands = {
                AdminResourceCommands.Set.class,
                AdminResourceCommands.Delete.class,
                AdminPolicyCommands.SetResourcePolicy.class,
                AdminPolicyCommands.SetAttestationPolicy.class,
                AdminKeygenCommand.class,
                AdminTokenCommand.class
        })
public final class AdminCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
