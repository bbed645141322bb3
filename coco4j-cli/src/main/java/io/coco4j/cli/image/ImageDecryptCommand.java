package io.coco4j.cli.image;

import io.coco4j.guest.kbs.KbsClient;
import io.coco4j.image.crypt.ImageDecryptor;
import io.coco4j.image.keywrap.AttestationAgentKeyUnwrapper;
import io.coco4j.image.keywrap.JweKeyUnwrapper;
import io.coco4j.image.keywrap.KbsKekSource;
import io.coco4j.image.keywrap.KeyFiles;
import io.coco4j.image.keywrap.KeyNotReleasedException;
import io.coco4j.image.keywrap.KeyUnwrapper;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.ImageReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code coco4j image decrypt}. */
@Command(name = "decrypt", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Decrypts every encrypted layer of an image into another OCI layout, verifying each layer's HMAC and digest.",
                "With --url the guest attests to the KBS and fetches the KEK named in each layer (provider attestation-agent);",
                "with --recipient-key it opens jwe-wrapped keys. Nothing is written unless every layer key was obtained."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:decrypted", "1:failed (nothing tagged in the destination)", "2:invalid command line",
                "4:key not released by the KBS (policy denied, attestation refused, no such key)"})
public final class ImageDecryptCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    GuestKbsOptions kbs;

    @Option(names = "--recipient-key", paramLabel = "PRIV", description = "Private key (PEM/DER) for jwe-wrapped layer keys; repeatable")
    List<Path> recipientKeys = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "SRC_LAYOUT[:TAG]")
    String source;

    @Parameters(index = "1", paramLabel = "DST_LAYOUT[:TAG]")
    String target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ImageReference from = ImageReference.parse(source);
            ImageReference to = ImageReference.parse(target);
            if (!kbs.present() && recipientKeys.isEmpty()) {
                err.println("coco4j image decrypt: give --url URL (attest to the KBS) and/or --recipient-key PRIV.pem");
                return 2;
            }
            List<KeyUnwrapper> unwrappers = new ArrayList<>();
            if (kbs.present()) {
                KbsClient client = kbs.client(err, "coco4j image decrypt");
                unwrappers.add(new AttestationAgentKeyUnwrapper(new KbsKekSource(client)));
            }
            if (!recipientKeys.isEmpty()) {
                List<PrivateKey> keys = new ArrayList<>();
                for (Path key : recipientKeys) {
                    keys.add(KeyFiles.readPrivateKey(key));
                }
                unwrappers.add(new JweKeyUnwrapper(keys));
            }
            Descriptor written = new ImageDecryptor(unwrappers, TerminalProgress.forTerminal(err)).decrypt(from, to);
            out.println("decrypted " + from + " into " + to + " (" + written.mediaType() + " " + written.digest() + ")");
            return 0;
        } catch (KeyNotReleasedException e) {
            err.println("coco4j image decrypt: " + ImageCommand.oneLine(e.getMessage()));
            return ImageCommand.EXIT_KEY_NOT_RELEASED;
        } catch (IllegalArgumentException e) {
            err.println("coco4j image decrypt: " + ImageCommand.oneLine(e.getMessage()));
            return 2;
        } catch (IOException e) {
            err.println("coco4j image decrypt: " + ImageCommand.oneLine(e.getMessage()));
            return 1;
        }
    }
}
