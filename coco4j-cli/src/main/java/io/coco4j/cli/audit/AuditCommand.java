package io.coco4j.cli.audit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coco4j audit}: the KBS's hash-chained audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check the KBS's audit log of attestation results and secret releases.",
        subcommands = {AuditVerifyCommand.class})
public final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
