package io.coco4j.image.crypt;

import io.coco4j.image.cipher.AesCtrHmacSha256;
import io.coco4j.image.keywrap.EncryptionAnnotations;
import io.coco4j.image.keywrap.KeyWrapper;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.MediaTypes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encrypts one layer as ocicrypt does: a fresh key and nonce, the blob through
 * {@code AES_256_CTR_HMAC_SHA256}, the private options wrapped by every wrapper, and the layer's
 * new annotations (wrapped keys and pubopts).
 */
public final class LayerEncryptor {

    private final List<KeyWrapper> wrappers;

    public LayerEncryptor(List<KeyWrapper> wrappers) {
        if (wrappers.isEmpty()) {
            throw new IllegalArgumentException("encryption needs at least one key wrapper (a recipient)");
        }
        this.wrappers = List.copyOf(wrappers);
    }

    /** Refuses layers that cannot be encrypted for CoCo guests, with a message saying why. */
    public static void checkEncryptable(Descriptor layer) throws LayerRefusedException {
        if (MediaTypes.isEncrypted(layer.mediaType())) {
            throw new LayerRefusedException("layer " + layer.digest().shortForm() + " is already encrypted");
        }
        if (!MediaTypes.isLayer(layer.mediaType())) {
            throw new LayerRefusedException("layer " + layer.digest().shortForm() + " has media type " + layer.mediaType()
                    + ", which is not a tar layer");
        }
        if (MediaTypes.compression(layer.mediaType()).orElse(null) == MediaTypes.Compression.ZSTD) {
            throw new LayerRefusedException("layer " + layer.digest().shortForm() + " is zstd-compressed (" + layer.mediaType()
                    + "): CoCo guests (image-rs) decrypt only tar and tar+gzip layers; rebuild the image with gzip layers");
        }
    }

    /**
     * Encrypts {@code plaintext} (the blob of {@code layer}) into {@code ciphertext} and returns the
     * encrypted layer's media type and annotations; the caller supplies the ciphertext's digest.
     */
    public Encrypted encrypt(Descriptor layer, InputStream plaintext, OutputStream ciphertext) throws IOException {
        checkEncryptable(layer);
        AesCtrHmacSha256.Result result = AesCtrHmacSha256.encrypt(plaintext, ciphertext, AesCtrHmacSha256.generateKey());
        try {
            byte[] optsData = result.privateOptions().toJson();
            Map<String, String> annotations = new LinkedHashMap<>();
            for (Map.Entry<String, String> existing : layer.annotations().entrySet()) {
                if (!EncryptionAnnotations.isEncryptionAnnotation(existing.getKey())) {
                    annotations.put(existing.getKey(), existing.getValue());
                }
            }
            for (KeyWrapper wrapper : wrappers) {
                List<String> entries = new ArrayList<>();
                for (byte[] entry : wrapper.wrap(optsData)) {
                    entries.add(Base64.getEncoder().encodeToString(entry));
                }
                annotations.merge(wrapper.annotationKey(), String.join(",", entries), (a, b) -> a + "," + b);
            }
            annotations.put(EncryptionAnnotations.PUBOPTS, result.publicOptions().toAnnotation());
            java.util.Arrays.fill(optsData, (byte) 0);
            return new Encrypted(MediaTypes.encrypted(layer.mediaType()), annotations);
        } finally {
            result.privateOptions().destroy();
        }
    }

    /** The encrypted layer's media type and annotations. */
    public record Encrypted(String mediaType, Map<String, String> annotations) {
    }
}
