package io.coco4j.image.crypt;

import io.coco4j.image.keywrap.KeyWrapper;
import io.coco4j.image.oci.BlobWriter;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.ImageReference;
import io.coco4j.image.oci.OciLayout;
import io.coco4j.image.oci.VerifyingInputStream;

import java.io.IOException;
import java.util.List;

/**
 * Encrypts every layer of an image from one OCI layout into another, as {@code skopeo copy
 * --encryption-key} does: the target image has {@code +encrypted} layer types, wrapped keys and
 * pubopts annotations, and the unchanged config. Refusals (zstd, already encrypted) are found before
 * anything is written.
 */
public final class ImageEncryptor {

    private final LayerEncryptor layers;
    private final ProgressListener progress;

    public ImageEncryptor(List<KeyWrapper> wrappers, ProgressListener progress) {
        this.layers = new LayerEncryptor(wrappers);
        this.progress = progress;
    }

    /** Encrypts {@code source} into {@code target}; returns the target's manifest (or index) descriptor. */
    public Descriptor encrypt(ImageReference source, ImageReference target) throws IOException {
        OciLayout from = OciLayout.open(source.layout());
        Descriptor entry = from.resolve(source.tag());
        for (OciLayout.ManifestRef ref : from.manifests(entry)) {
            for (Descriptor layer : ref.manifest().layers()) {
                LayerEncryptor.checkEncryptable(layer);
            }
        }
        String tag = target.tag() != null ? target.tag() : source.tag() != null ? source.tag() : "latest";
        try (LayoutRewriter.Target to = LayoutRewriter.Target.open(target.layout())) {
            LayoutRewriter rewriter = new LayoutRewriter(from, to.layout, layer -> encryptLayer(from, to.layout, layer));
            Descriptor written = rewriter.rewrite(entry);
            to.layout.tag(tag, written);
            to.succeeded();
            return written;
        }
    }

    private Descriptor encryptLayer(OciLayout from, OciLayout to, Descriptor layer) throws IOException {
        progress.started("encrypt " + layer.digest().shortForm(), layer.size());
        try (VerifyingInputStream in = from.openBlob(layer); BlobWriter out = to.newBlob()) {
            LayerEncryptor.Encrypted encrypted = layers.encrypt(layer, new CountingInputStream(in, progress), out);
            in.drainAndVerify();
            Descriptor blob = out.commit(encrypted.mediaType());
            return new Descriptor(encrypted.mediaType(), blob.digest(), blob.size(), layer.urls(), encrypted.annotations(),
                    layer.platform(), layer.artifactType());
        } finally {
            progress.finished();
        }
    }
}
