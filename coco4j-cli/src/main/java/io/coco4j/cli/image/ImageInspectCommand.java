package io.coco4j.cli.image;

import io.coco4j.image.crypt.ImageInspector;
import io.coco4j.image.oci.ImageReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code coco4j image inspect}. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Shows each layer of an image: whether it is encrypted, with which cipher, and for whom (no key needed).")
public final class ImageInspectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "LAYOUT[:TAG]")
    String image;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            ImageReference reference = ImageReference.parse(image);
            List<ImageInspector.ManifestReport> manifests = ImageInspector.inspect(reference);
            for (ImageInspector.ManifestReport manifest : manifests) {
                out.println("manifest " + manifest.descriptor().digest()
                        + (manifest.descriptor().platform() == null ? "" : " " + manifest.descriptor().platform()));
                for (ImageInspector.LayerReport layer : manifest.layers()) {
                    out.printf("  layer %d  %s  %d bytes  %s%n", layer.index(), layer.descriptor().digest(), layer.descriptor().size(),
                            layer.descriptor().mediaType());
                    if (!layer.encrypted()) {
                        out.println("    not encrypted");
                        continue;
                    }
                    out.println("    encrypted with " + layer.cipher());
                    for (String recipient : layer.recipients()) {
                        out.println("    for " + recipient);
                    }
                }
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("coco4j image inspect: " + ImageCommand.oneLine(e.getMessage()));
            return 1;
        }
    }
}
