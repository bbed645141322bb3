package io.coco4j.image.crypt;

import io.coco4j.image.cipher.AesCtrHmacSha256;
import io.coco4j.image.cipher.LayerCipherException;
import io.coco4j.image.cipher.PrivateLayerOptions;
import io.coco4j.image.cipher.PublicLayerOptions;
import io.coco4j.image.keywrap.EncryptionAnnotations;
import io.coco4j.image.keywrap.KeyNotReleasedException;
import io.coco4j.image.keywrap.KeyUnwrapException;
import io.coco4j.image.keywrap.KeyUnwrapper;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.MediaTypes;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decrypts one encrypted layer: finds an annotation one of its unwrappers handles, unwraps the
 * private options, and streams the plaintext through the HMAC- and digest-checking cipher.
 */
public final class LayerDecryptor {

    private final List<KeyUnwrapper> unwrappers;

    public LayerDecryptor(List<KeyUnwrapper> unwrappers) {
        if (unwrappers.isEmpty()) {
            throw new IllegalArgumentException("decryption needs at least one key unwrapper");
        }
        this.unwrappers = List.copyOf(unwrappers);
    }

    /** The unwrapped key of one layer and its public options. */
    public record LayerKey(PrivateLayerOptions privateOptions, PublicLayerOptions publicOptions) {
    }

    /** Unwraps the layer's key; nothing is decrypted yet. */
    public LayerKey unwrapKey(Descriptor layer) throws KeyUnwrapException, LayerCipherException {
        String pubopts = layer.annotation(EncryptionAnnotations.PUBOPTS);
        if (pubopts == null) {
            throw new LayerCipherException("layer " + layer.digest().shortForm() + " is encrypted but has no "
                    + EncryptionAnnotations.PUBOPTS + " annotation");
        }
        PublicLayerOptions publicOptions = PublicLayerOptions.fromAnnotation(pubopts);
        if (!AesCtrHmacSha256.NAME.equals(publicOptions.cipher())) {
            throw new LayerCipherException("layer " + layer.digest().shortForm() + " uses cipher '" + publicOptions.cipher()
                    + "'; only " + AesCtrHmacSha256.NAME + " is supported");
        }
        List<KeyUnwrapException> failures = new ArrayList<>();
        boolean anyAnnotation = false;
        for (KeyUnwrapper unwrapper : unwrappers) {
            String value = layer.annotation(unwrapper.annotationKey());
            if (value == null || value.isBlank()) {
                continue;
            }
            anyAnnotation = true;
            for (String item : value.split(",")) {
                byte[] entry;
                try {
                    entry = Base64.getDecoder().decode(item.strip());
                } catch (IllegalArgumentException e) {
                    failures.add(new KeyUnwrapException(unwrapper.annotationKey() + " holds an entry that is not base64"));
                    continue;
                }
                try {
                    byte[] optsData = unwrapper.unwrap(entry);
                    try {
                        return new LayerKey(PrivateLayerOptions.parse(optsData), publicOptions);
                    } finally {
                        java.util.Arrays.fill(optsData, (byte) 0);
                    }
                } catch (KeyUnwrapException e) {
                    failures.add(e);
                } catch (LayerCipherException e) {
                    failures.add(new KeyUnwrapException(e.getMessage() + " (wrong key-encryption key?)", e));
                }
            }
        }
        if (!anyAnnotation) {
            TreeSet<String> present = new TreeSet<>();
            layer.annotations().keySet().forEach(k -> EncryptionAnnotations.scheme(k).ifPresent(present::add));
            TreeSet<String> usable = new TreeSet<>();
            unwrappers.forEach(u -> EncryptionAnnotations.scheme(u.annotationKey()).ifPresent(usable::add));
            throw new KeyUnwrapException("layer " + layer.digest().shortForm() + " is encrypted for " + (present.isEmpty()
                    ? "no known scheme" : String.join(", ", present)) + ", but the keys given are for " + String.join(", ", usable));
        }
        for (KeyUnwrapException failure : failures) {
            if (failure instanceof KeyNotReleasedException) {
                throw failure;
            }
        }
        KeyUnwrapException last = failures.get(failures.size() - 1);
        if (failures.size() == 1) {
            throw last;
        }
        KeyUnwrapException all = new KeyUnwrapException("no wrapped key of layer " + layer.digest().shortForm() + " opens: "
                + last.getMessage());
        failures.forEach(all::addSuppressed);
        throw all;
    }

    /** The plaintext stream (checked at its end) of an encrypted layer's blob. */
    public static InputStream decrypt(InputStream ciphertext, LayerKey key) throws LayerCipherException {
        return AesCtrHmacSha256.decrypt(ciphertext, key.privateOptions(), key.publicOptions());
    }

    /** The descriptor of the decrypted layer: plain media type, plaintext digest, no encryption annotations. */
    public static Descriptor decryptedDescriptor(Descriptor encrypted, LayerKey key) throws LayerCipherException {
        Map<String, String> annotations = new LinkedHashMap<>();
        encrypted.annotations().forEach((k, v) -> {
            if (!EncryptionAnnotations.isEncryptionAnnotation(k)) {
                annotations.put(k, v);
            }
        });
        return new Descriptor(MediaTypes.decrypted(encrypted.mediaType()), key.privateOptions().plaintextDigest(),
                encrypted.size(), encrypted.urls(), annotations, encrypted.platform(), encrypted.artifactType());
    }
}
