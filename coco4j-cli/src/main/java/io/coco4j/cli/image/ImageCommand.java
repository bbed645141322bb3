package io.coco4j.cli.image;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code coco4j image}: encrypted container images in OCI layouts. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "Encrypt, decrypt and inspect container images in OCI image layouts (ocicrypt format, CoCo key provider).",
        subcommands = {ImageEncryptCommand.class, ImageDecryptCommand.class, ImageInspectCommand.class})
public final class ImageCommand implements Runnable {

    /** Exit code: the KBS did not release a key (policy denied, attestation refused, no such key). */
    public static final int EXIT_KEY_NOT_RELEASED = 4;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("[\\r\\n]+", " ");
    }
}
