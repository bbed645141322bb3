package io.coco4j.cli.admin;

import io.coco4j.kbs.admin.AdminKeyPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code coco4j admin keygen}: a new Ed25519 admin key pair and the {@code [admin]} settings that trust it. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Make an Ed25519 admin key pair (admin-private.pem, owner-only, and admin-public.pem)",
                "and print the [admin] section of kbs-config.toml that accepts tokens signed with it.",
                "Existing key files are never overwritten."})
public final class AdminKeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
            description = "Directory for the key files (created if missing; default: the current directory).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        AdminKeyPair.WrittenKeys files;
        try {
            files = AdminKeyPair.generate().write(out);
        } catch (FileAlreadyExistsException e) {
            stderr.println("coco4j admin keygen: " + e.getFile() + " already exists; refusing to overwrite a key");
            return 1;
        } catch (IOException e) {
            stderr.println("coco4j admin keygen: cannot write the key files in " + out + ": " + e.getMessage());
            return 1;
        }
        // Everything on stdout is valid TOML, so it can be appended to a configuration file as is.
        stdout.println("# Admin key pair:");
        stdout.println("#   private key: " + files.privateKey().toAbsolutePath()
                + " (keep it secret; sign tokens with: coco4j admin token --admin-key FILE)");
        stdout.println("#   public key:  " + files.publicKey().toAbsolutePath());
        stdout.println();
        stdout.print(AdminKeyPair.configSnippet(files.publicKey()));
        stdout.flush();
        return 0;
    }
}
