package io.coco4j.image.crypt;

import io.coco4j.image.keywrap.KeyUnwrapper;
import io.coco4j.image.oci.BlobWriter;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.DigestMismatchException;
import io.coco4j.image.oci.ImageReference;
import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.oci.OciLayout;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decrypts every encrypted layer of an image from one OCI layout into another. All layer keys are
 * unwrapped before anything is written, so a refused key (policy denied, wrong key) leaves the target
 * untouched; each layer's HMAC and digest are verified before its blob becomes visible.
 */
public final class ImageDecryptor {

    private final LayerDecryptor layers;
    private final ProgressListener progress;

    public ImageDecryptor(List<KeyUnwrapper> unwrappers, ProgressListener progress) {
        this.layers = new LayerDecryptor(unwrappers);
        this.progress = progress;
    }

    public Descriptor decrypt(ImageReference source, ImageReference target) throws IOException {
        OciLayout from = OciLayout.open(source.layout());
        Descriptor entry = from.resolve(source.tag());
        Map<String, LayerDecryptor.LayerKey> keys = new HashMap<>();
        try {
            for (OciLayout.ManifestRef ref : from.manifests(entry)) {
                for (Descriptor layer : ref.manifest().layers()) {
                    if (MediaTypes.isEncrypted(layer.mediaType()) && !keys.containsKey(layer.digest().toString())) {
                        keys.put(layer.digest().toString(), layers.unwrapKey(layer));
                    }
                }
            }
            String tag = target.tag() != null ? target.tag() : source.tag() != null ? source.tag() : "latest";
            try (LayoutRewriter.Target to = LayoutRewriter.Target.open(target.layout())) {
                LayoutRewriter rewriter = new LayoutRewriter(from, to.layout, layer -> {
                    LayerDecryptor.LayerKey key = keys.get(layer.digest().toString());
                    if (key == null) {
                        to.layout.copyBlobFrom(from, layer);
                        return layer;
                    }
                    return decryptLayer(from, to.layout, layer, key);
                });
                Descriptor written = rewriter.rewrite(entry);
                to.layout.tag(tag, written);
                to.succeeded();
                return written;
            }
        } finally {
            keys.values().forEach(k -> k.privateOptions().destroy());
        }
    }

    private Descriptor decryptLayer(OciLayout from, OciLayout to, Descriptor layer, LayerDecryptor.LayerKey key) throws IOException {
        Descriptor plain = LayerDecryptor.decryptedDescriptor(layer, key);
        progress.started("decrypt " + layer.digest().shortForm(), layer.size());
        try (InputStream ciphertext = from.openBlob(layer);
             InputStream plaintext = LayerDecryptor.decrypt(new CountingInputStream(ciphertext, progress), key);
             BlobWriter out = to.newBlob()) {
            plaintext.transferTo(out);
            Descriptor blob = out.commit(plain.mediaType());
            if (!blob.digest().equals(plain.digest())) {
                throw new DigestMismatchException("decrypted layer has digest " + blob.digest() + ", expected " + plain.digest());
            }
            return plain.withContent(blob.digest(), blob.size());
        } finally {
            progress.finished();
        }
    }
}
