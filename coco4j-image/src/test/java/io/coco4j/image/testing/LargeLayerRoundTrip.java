package io.coco4j.image.testing;

import io.coco4j.image.crypt.ImageDecryptor;
import io.coco4j.image.crypt.ImageEncryptor;
import io.coco4j.image.crypt.ProgressListener;
import io.coco4j.image.keywrap.AttestationAgentKeyUnwrapper;
import io.coco4j.image.keywrap.AttestationAgentKeyWrapper;
import io.coco4j.image.oci.BlobWriter;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.Digest;
import io.coco4j.image.oci.ImageManifest;
import io.coco4j.image.oci.ImageReference;
import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.oci.OciLayout;
import io.coco4j.protocol.resource.ResourceUri;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Encrypts and decrypts an image with one large layer streamed from a generator, in whatever heap the
 * JVM was given: {@code java -Xmx64m ... LargeLayerRoundTrip DIR SIZE_MIB}. Prints the heap in use at
 * the end and exits 0 only when the decrypted layer has the original digest.
 */
public final class LargeLayerRoundTrip {

    private LargeLayerRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long size = Long.parseLong(args[1]) * 1024 * 1024;
        OciLayout plain = OciLayout.openOrCreate(dir.resolve("plain"));
        Descriptor layer;
        try (BlobWriter out = plain.newBlob()) {
            SplittableRandom random = new SplittableRandom(42);
            byte[] chunk = new byte[1 << 20];
            for (long written = 0; written < size; written += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long v = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (v >>> (8 * b));
                    }
                }
                out.write(chunk, 0, (int) Math.min(chunk.length, size - written));
            }
            layer = out.commit(MediaTypes.OCI_LAYER);
        }
        Descriptor config = plain.writeDocument(MediaTypes.OCI_CONFIG,
                Map.of("rootfs", Map.of("type", "layers", "diff_ids", List.of(layer.digest().toString()))));
        plain.tag("big", plain.writeDocument(MediaTypes.OCI_MANIFEST,
                new ImageManifest(2, MediaTypes.OCI_MANIFEST, null, config, List.of(layer), null, null)));

        byte[] kek = new byte[32];
        Arrays.fill(kek, (byte) 1);
        ResourceUri kid = ResourceUri.parse("kbs:///default/image-kek/big");
        new ImageEncryptor(List.of(new AttestationAgentKeyWrapper(kid, kek)), ProgressListener.NONE)
                .encrypt(new ImageReference(dir.resolve("plain"), "big"), new ImageReference(dir.resolve("enc"), "big"));
        new ImageDecryptor(List.of(new AttestationAgentKeyUnwrapper(k -> kek.clone())), ProgressListener.NONE)
                .decrypt(new ImageReference(dir.resolve("enc"), "big"), new ImageReference(dir.resolve("dec"), "big"));
        OciLayout decrypted = OciLayout.open(dir.resolve("dec"));
        Digest result = decrypted.manifest(decrypted.resolve("big")).layers().get(0).digest();
        Runtime runtime = Runtime.getRuntime();
        System.out.println("max heap " + runtime.maxMemory() / (1024 * 1024) + " MiB, used at end "
                + (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024) + " MiB, layer " + size / (1024 * 1024) + " MiB");
        if (!result.equals(layer.digest())) {
            System.err.println("decrypted digest " + result + " differs from " + layer.digest());
            System.exit(1);
        }
        System.out.println("round trip OK " + result);
    }
}
