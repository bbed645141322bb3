package io.coco4j.image.crypt;

import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.ImageIndex;
import io.coco4j.image.oci.ImageManifest;
import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.oci.OciFormatException;
import io.coco4j.image.oci.OciLayout;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies an image from one layout to another while a {@link LayerTransform} rewrites its layers:
 * configs are copied verified, every manifest is rewritten as an OCI manifest, indexes are rebuilt
 * around the new manifests, and the tag is written last, so a failed run leaves no tagged image.
 */
final class LayoutRewriter {

    /** Rewrites one layer: copies or transforms its blob into the target and returns its new descriptor. */
    interface LayerTransform {
        Descriptor apply(Descriptor layer) throws IOException;
    }

    private final OciLayout source;
    private final OciLayout target;
    private final LayerTransform transform;

    LayoutRewriter(OciLayout source, OciLayout target, LayerTransform transform) {
        this.source = source;
        this.target = target;
        this.transform = transform;
    }

    Descriptor rewrite(Descriptor entry) throws IOException {
        return rewrite(entry, 0);
    }

    private Descriptor rewrite(Descriptor entry, int depth) throws IOException {
        if (depth > 4) {
            throw new OciFormatException("indexes nested more than 4 deep");
        }
        if (MediaTypes.isIndex(entry.mediaType())) {
            ImageIndex index = source.nestedIndex(entry);
            List<Descriptor> children = new ArrayList<>();
            for (Descriptor child : index.manifests()) {
                Descriptor written = rewrite(child, depth + 1);
                children.add(new Descriptor(written.mediaType(), written.digest(), written.size(), child.urls(),
                        child.annotations(), child.platform(), child.artifactType()));
            }
            ImageIndex rebuilt = new ImageIndex(2, MediaTypes.OCI_INDEX, children, index.annotations());
            Descriptor written = target.writeDocument(MediaTypes.OCI_INDEX, rebuilt);
            return entryLike(entry, written);
        }
        ImageManifest manifest = source.manifest(entry);
        Descriptor config = manifest.config();
        target.copyBlobFrom(source, config);
        if (MediaTypes.DOCKER_CONFIG.equals(config.mediaType())) {
            config = config.withMediaType(MediaTypes.OCI_CONFIG); // the same JSON under its OCI name
        }
        List<Descriptor> layers = new ArrayList<>();
        for (Descriptor layer : manifest.layers()) {
            layers.add(transform.apply(layer));
        }
        Descriptor written = target.writeDocument(MediaTypes.OCI_MANIFEST, manifest.asOciWith(config, layers));
        return entryLike(entry, written);
    }

    private static Descriptor entryLike(Descriptor original, Descriptor written) {
        return new Descriptor(written.mediaType(), written.digest(), written.size(), original.urls(), original.annotations(),
                original.platform(), original.artifactType());
    }

    /** A target layout that is removed again if the operation fails and the layout did not exist before. */
    static final class Target implements AutoCloseable {
        final OciLayout layout;
        private final boolean created;
        private boolean succeeded;

        private Target(OciLayout layout, boolean created) {
            this.layout = layout;
            this.created = created;
        }

        static Target open(Path root) throws IOException {
            boolean existed = Files.exists(root.resolve(OciLayout.LAYOUT_FILE));
            boolean rootExisted = Files.exists(root);
            OciLayout layout = OciLayout.openOrCreate(root);
            return new Target(layout, !existed && !rootExisted);
        }

        void succeeded() {
            succeeded = true;
        }

        @Override
        public void close() throws IOException {
            if (!succeeded && created) {
                deleteRecursively(layout.root());
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
