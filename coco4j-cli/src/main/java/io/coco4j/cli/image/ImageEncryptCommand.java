package io.coco4j.cli.image;

import io.coco4j.cli.admin.AdminAccess;
import io.coco4j.cli.admin.AdminClient;
import io.coco4j.image.crypt.ImageEncryptor;
import io.coco4j.image.keywrap.AttestationAgentKeyWrapper;
import io.coco4j.image.keywrap.JweKeyWrapper;
import io.coco4j.image.keywrap.KeyFiles;
import io.coco4j.image.keywrap.KeyWrapper;
import io.coco4j.image.keywrap.WrapType;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.ImageReference;
import io.coco4j.protocol.resource.ResourceUri;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code coco4j image encrypt}. */
@Command(name = "encrypt", sortOptions = false, mixinStandardHelpOptions = true,
        description = {
                "Encrypts every layer of an image (AES_256_CTR_HMAC_SHA256, as ocicrypt/skopeo) into another OCI layout.",
                "--key-id wraps the layer keys for CoCo guests (provider attestation-agent) under a KEK the KBS releases",
                "to attested guests; --recipient jwe:PUB.pem wraps them for a private-key holder (skopeo --decryption-key)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:encrypted", "1:failed (nothing tagged in the destination)", "2:invalid command line",
                "5:--new-kek refused: a resource already exists at --key-id (use --force to replace it)"})
public final class ImageEncryptCommand implements Callable<Integer> {

    public static final int EXIT_KEK_EXISTS = 5;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--key-id", paramLabel = "URI", description = "KBS resource URI of the key-encryption key, e.g. kbs:///default/image-kek/1")
    String keyId;

    @Option(names = "--kek", paramLabel = "FILE", description = "The 32-byte KEK, already stored in the KBS at --key-id")
    Path kekFile;

    @Option(names = "--new-kek", description = "Generate a KEK and store it in the KBS at --key-id (needs --url and admin credentials)")
    boolean newKek;

    @Option(names = "--force", description = "With --new-kek: replace an existing resource at --key-id (images encrypted with it become undecryptable)")
    boolean force;

    @Option(names = "--recipient", paramLabel = "jwe:PUB", description = "Also wrap for this public key (PEM/DER, RSA or EC); repeatable")
    List<String> recipients = new ArrayList<>();

    @ArgGroup(exclusive = false, heading = "%nKBS admin access (for --new-kek):%n")
    AdminAccess admin;

    @Parameters(index = "0", paramLabel = "SRC_LAYOUT[:TAG]", description = "Source OCI layout directory and tag")
    String source;

    @Parameters(index = "1", paramLabel = "DST_LAYOUT[:TAG]", description = "Destination OCI layout (created if missing)")
    String target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<KeyWrapper> wrappers = new ArrayList<>();
        byte[] kek = null;
        try {
            ImageReference from = ImageReference.parse(source);
            ImageReference to = ImageReference.parse(target);
            if (keyId == null && recipients.isEmpty()) {
                return usage(err, "name a recipient: --key-id URI (CoCo guests) and/or --recipient jwe:PUB.pem");
            }
            if (keyId != null) {
                ResourceUri kid = parseKeyId(keyId);
                if ((kekFile == null) == !newKek) {
                    return usage(err, "--key-id needs exactly one of --kek FILE or --new-kek");
                }
                if (newKek && admin == null) {
                    return usage(err, "--new-kek stores the KEK in the KBS: give --url and --admin-key FILE or --token JWT");
                }
                if (force && !newKek) {
                    return usage(err, "--force applies only to --new-kek");
                }
                kek = newKek ? registerNewKek(kid, err) : readKek(kekFile);
                if (kek == null) {
                    return EXIT_KEK_EXISTS;
                }
                wrappers.add(new AttestationAgentKeyWrapper(kid, kek));
            } else if (kekFile != null || newKek) {
                return usage(err, "--kek and --new-kek need --key-id");
            }
            if (!recipients.isEmpty()) {
                List<PublicKey> keys = new ArrayList<>();
                for (String recipient : recipients) {
                    if (!recipient.startsWith("jwe:")) {
                        return usage(err, "unsupported recipient '" + recipient + "' (expected jwe:PUBLIC_KEY_FILE)");
                    }
                    keys.add(KeyFiles.readPublicKey(Path.of(recipient.substring(4))));
                }
                wrappers.add(new JweKeyWrapper(keys));
            }
            Descriptor written = new ImageEncryptor(wrappers, TerminalProgress.forTerminal(err)).encrypt(from, to);
            out.println("encrypted " + from + " into " + to + " (" + written.mediaType() + " " + written.digest() + ")");
            return 0;
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        } catch (IOException | AdminClient.AdminRequestException e) {
            err.println("coco4j image encrypt: " + ImageCommand.oneLine(e.getMessage()));
            return 1;
        } finally {
            if (kek != null) {
                Arrays.fill(kek, (byte) 0);
            }
        }
    }

    private static ResourceUri parseKeyId(String text) {
        ResourceUri kid = ResourceUri.parse(text);
        if (!ResourceUri.RESOURCE_PLUGIN.equals(kid.plugin()) || !ResourceUri.isValidResourcePath(kid.segments())) {
            throw new IllegalArgumentException("--key-id must be kbs:///<repository>/<type>/<tag>, got '" + text + "'");
        }
        return kid;
    }

    private static byte[] readKek(Path file) throws IOException {
        byte[] kek = Files.readAllBytes(file);
        if (kek.length != WrapType.KEK_BYTES) {
            int length = kek.length;
            Arrays.fill(kek, (byte) 0);
            throw new IOException("--kek " + file + " holds " + length + " bytes; a KEK is " + WrapType.KEK_BYTES + " raw bytes");
        }
        return kek;
    }

    /** A fresh KEK stored at {@code kid}; {@code null} when a resource exists there and --force is absent. */
    private byte[] registerNewKek(ResourceUri kid, PrintWriter err) throws IOException, AdminClient.AdminRequestException {
        byte[] kek = new byte[WrapType.KEK_BYTES];
        new SecureRandom().nextBytes(kek);
        String path = "resource/" + String.join("/", kid.segments()) + (force ? "" : "?overwrite=false");
        try {
            admin.client().send("POST", path, kek, "application/octet-stream");
        } catch (AdminClient.AdminRequestException e) {
            Arrays.fill(kek, (byte) 0);
            if (e.status() == 409) {
                err.println("coco4j image encrypt: the KBS already holds a resource at " + kid + "; replacing it would make every "
                        + "image encrypted with it undecryptable. Choose another --key-id, use --kek with the existing key, "
                        + "or pass --force to replace it.");
                return null;
            }
            throw e;
        }
        err.println("coco4j image encrypt: stored a new KEK at " + kid);
        return kek;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("coco4j image encrypt: " + message);
        err.println("try 'coco4j image encrypt --help'");
        return 2;
    }
}
