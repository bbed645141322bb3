package io.coco4j.cli;

import io.coco4j.cli.admin.AdminCommand;
import io.coco4j.cli.guest.AaCommand;
import io.coco4j.cli.guest.ApiServerRestCommand;
import io.coco4j.cli.guest.CdhCommand;
import io.coco4j.cli.guest.GetResourceCommand;
import io.coco4j.cli.guest.InitDataCommand;
import io.coco4j.cli.guest.SecretCommand;
import io.coco4j.cli.image.ImageCommand;
import io.coco4j.cli.image.KeyProviderCommand;
import io.coco4j.cli.rego.RegoCommand;
import io.coco4j.cli.verify.VerifyCommand;
import io.coco4j.cli.collateral.CollateralCommand;
import io.coco4j.cli.serve.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code coco4j} command. */
@Command(name = "coco4j", mixinStandardHelpOptions = true, version = "coco4j 0.1.0",
        description = "Confidential Containers Key Broker, Attestation and Reference Value services, and their guest client.",
        subcommands = {
                ServeCommand.class,
                io.coco4j.cli.as.AsCommand.class,
                GetResourceCommand.class,
                AdminCommand.class,
                RegoCommand.class,
                VerifyCommand.class,
                CollateralCommand.class,
                io.coco4j.cli.rvps.RvpsCommand.class,
                ImageCommand.class,
                KeyProviderCommand.class,
                AaCommand.class,
                CdhCommand.class,
                ApiServerRestCommand.class,
                SecretCommand.class,
                InitDataCommand.class,
                io.coco4j.cli.audit.AuditCommand.class,
                io.coco4j.cli.bench.BenchCommand.class,
                io.coco4j.cli.fuzz.FuzzCommand.class,
                CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        // one line, not the whole usage text, after a mistyped command
        commandLine.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            cmd.getErr().println("try '" + cmd.getCommandSpec().qualifiedName() + " --help'");
            return 2;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
