package io.coco4j.cli.as;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coco4j as}: the Attestation Service on its own. */
@Command(name = "as", mixinStandardHelpOptions = true,
        description = "The Attestation Service as a service of its own, for KBSes with attestation_service.type = \"coco_as_grpc\".",
        subcommands = {AsServeCommand.class})
public final class AsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
