package io.coco4j.cli.guest;

import io.coco4j.guest.initdata.InitDataDocument;
import io.coco4j.guest.initdata.InitDataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code coco4j initdata}: init-data tooling. */
@Command(name = "initdata", mixinStandardHelpOptions = true, description = "Init-data documents (TOML: version, algorithm, [data]).",
        subcommands = InitDataCommand.Digest.class)
public final class InitDataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code coco4j initdata digest FILE}. */
    @Command(name = "digest", mixinStandardHelpOptions = true,
            description = {"Print the digest of an init-data document: its algorithm over its exact bytes.",
                    "--for tdx prints MRCONFIGID (the digest fitted to 48 bytes), --for snp HOST_DATA (32 bytes); "
                            + "these are what the VM must be launched with."})
    public static final class Digest implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--for", paramLabel = "TEE", defaultValue = "raw",
                description = "raw (the digest, default), tdx (MRCONFIGID) or snp (HOST_DATA).")
        String target;

        @Option(names = "--format", paramLabel = "FMT",
                description = "base64 or hex (default: base64 for raw, as the attestation agent's -i takes it; hex for tdx and snp).")
        String format;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            InitDataDocument document;
            try {
                document = InitDataDocument.parse(Files.readAllBytes(file));
            } catch (IOException e) {
                err.println("coco4j initdata digest: cannot read " + file + ": " + e.getMessage());
                err.flush();
                return 1;
            } catch (InitDataException e) {
                err.println("coco4j initdata digest: " + file + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            byte[] value;
            switch (target.toLowerCase(Locale.ROOT)) {
                case "raw" -> value = document.digest();
                case "tdx" -> value = document.fittedDigest(48);
                case "snp" -> value = document.fittedDigest(32);
                default -> {
                    err.println("coco4j initdata digest: unknown --for '" + target + "' (expected raw, tdx or snp)");
                    err.flush();
                    return 2;
                }
            }
            String chosen = format != null ? format.toLowerCase(Locale.ROOT) : target.equalsIgnoreCase("raw") ? "base64" : "hex";
            String text;
            switch (chosen) {
                case "base64" -> text = Base64.getEncoder().encodeToString(value);
                case "hex" -> text = HexFormat.of().formatHex(value);
                default -> {
                    err.println("coco4j initdata digest: unknown --format '" + format + "' (expected base64 or hex)");
                    err.flush();
                    return 2;
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(text);
            out.flush();
            return 0;
        }
    }
}
