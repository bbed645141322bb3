package io.coco4j.image.crypt;

import io.coco4j.image.cipher.LayerIntegrityException;
import io.coco4j.image.keywrap.AttestationAgentKeyUnwrapper;
import io.coco4j.image.keywrap.AttestationAgentKeyWrapper;
import io.coco4j.image.keywrap.EncryptionAnnotations;
import io.coco4j.image.keywrap.JweKeyUnwrapper;
import io.coco4j.image.keywrap.JweKeyWrapper;
import io.coco4j.image.keywrap.KeyNotReleasedException;
import io.coco4j.image.keywrap.KeyUnwrapException;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.Digest;
import io.coco4j.image.oci.ImageReference;
import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.oci.OciLayout;
import io.coco4j.image.testing.TestImages;
import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageEncryptionTest {

    private static final ResourceUri KID = ResourceUri.parse("kbs:///default/image-kek/1");

    @TempDir
    Path dir;

    private Path plain;

    private static byte[] kek(int fill) {
        byte[] kek = new byte[32];
        Arrays.fill(kek, (byte) fill);
        return kek;
    }

    private void writePlain() throws Exception {
        plain = dir.resolve("plain");
        TestImages.write(plain, "v1", List.of(
                List.of(TestImages.File.text("etc/motd", "hello"), new TestImages.File("bin/tool", TestImages.random(300_000, 1))),
                List.of(TestImages.File.text("etc/other", "second layer"))));
    }

    private ImageReference ref(String name) {
        return new ImageReference(dir.resolve(name), "v1");
    }

    private static List<Digest> digests(List<Descriptor> layers) {
        return layers.stream().map(Descriptor::digest).toList();
    }

    @Test
    void attestationAgentEncryptionRoundTripsToTheOriginalDigests() throws Exception {
        writePlain();
        new ImageEncryptor(List.of(new AttestationAgentKeyWrapper(KID, kek(5))), ProgressListener.NONE).encrypt(ref("plain"), ref("enc"));
        List<Descriptor> encrypted = TestImages.layers(dir.resolve("enc"), "v1");
        List<Descriptor> original = TestImages.layers(plain, "v1");
        assertThat(encrypted).allSatisfy(layer -> {
            assertThat(layer.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP + "+encrypted");
            assertThat(layer.annotations()).containsKeys(EncryptionAnnotations.PUBOPTS,
                    "org.opencontainers.image.enc.keys.provider.attestation-agent");
        });
        assertThat(digests(encrypted)).doesNotContainAnyElementsOf(digests(original));
        for (int i = 0; i < original.size(); i++) {
            assertThat(encrypted.get(i).size()).isEqualTo(original.get(i).size());
        }
        OciLayout enc = OciLayout.open(dir.resolve("enc"));
        assertThat(enc.manifest(enc.resolve("v1")).config().digest())
                .isEqualTo(OciLayout.open(plain).manifest(OciLayout.open(plain).resolve("v1")).config().digest());

        new ImageDecryptor(List.of(new AttestationAgentKeyUnwrapper(kid -> kek(5))), ProgressListener.NONE).decrypt(ref("enc"), ref("dec"));
        List<Descriptor> decrypted = TestImages.layers(dir.resolve("dec"), "v1");
        assertThat(digests(decrypted)).isEqualTo(digests(original));
        assertThat(decrypted).allSatisfy(layer -> {
            assertThat(layer.mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
            assertThat(layer.annotations()).isEmpty();
        });
    }

    @Test
    void jweEncryptionRoundTrips() throws Exception {
        writePlain();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        new ImageEncryptor(List.of(new JweKeyWrapper(List.of(pair.getPublic()))), ProgressListener.NONE).encrypt(ref("plain"), ref("enc"));
        assertThat(TestImages.layers(dir.resolve("enc"), "v1")).allSatisfy(l -> assertThat(l.annotations()).containsKey(EncryptionAnnotations.JWE));
        new ImageDecryptor(List.of(new JweKeyUnwrapper(List.of(pair.getPrivate()))), ProgressListener.NONE).decrypt(ref("enc"), ref("dec"));
        assertThat(digests(TestImages.layers(dir.resolve("dec"), "v1"))).isEqualTo(digests(TestImages.layers(plain, "v1")));
    }

    @Test
    void aRefusedKeyWritesNothing() throws Exception {
        writePlain();
        new ImageEncryptor(List.of(new AttestationAgentKeyWrapper(KID, kek(5))), ProgressListener.NONE).encrypt(ref("plain"), ref("enc"));
        ImageDecryptor denied = new ImageDecryptor(List.of(new AttestationAgentKeyUnwrapper(kid -> {
            throw new KeyNotReleasedException(KeyNotReleasedException.Reason.POLICY_DENIED, kid.toString(), null);
        })), ProgressListener.NONE);
        assertThatThrownBy(() -> denied.decrypt(ref("enc"), ref("dec"))).isInstanceOf(KeyNotReleasedException.class)
                .hasMessageStartingWith("key not released: policy denied");
        assertThat(dir.resolve("dec")).doesNotExist();
        ImageDecryptor wrong = new ImageDecryptor(List.of(new AttestationAgentKeyUnwrapper(kid -> kek(6))), ProgressListener.NONE);
        assertThatThrownBy(() -> wrong.decrypt(ref("enc"), ref("dec"))).isInstanceOf(KeyUnwrapException.class)
                .hasMessageContaining("KEK");
        assertThat(dir.resolve("dec")).doesNotExist();
    }

    @Test
    void anAnnotationForAnotherProviderIsNamed() throws Exception {
        writePlain();
        new ImageEncryptor(List.of(new AttestationAgentKeyWrapper(KID, kek(5), "other-kms")), ProgressListener.NONE)
                .encrypt(ref("plain"), ref("enc"));
        ImageDecryptor decryptor = new ImageDecryptor(List.of(new AttestationAgentKeyUnwrapper(kid -> kek(5))), ProgressListener.NONE);
        assertThatThrownBy(() -> decryptor.decrypt(ref("enc"), ref("dec"))).isInstanceOf(KeyUnwrapException.class)
                .hasMessageContaining("encrypted for provider.other-kms")
                .hasMessageContaining("keys given are for provider.attestation-agent");
    }

    @Test
    void aTamperedLayerLeavesNoTaggedImage() throws Exception {
        writePlain();
        new ImageEncryptor(List.of(new AttestationAgentKeyWrapper(KID, kek(5))), ProgressListener.NONE).encrypt(ref("plain"), ref("enc"));
        OciLayout enc = OciLayout.open(dir.resolve("enc"));
        Descriptor manifestDescriptor = enc.resolve("v1");
        var manifest = enc.manifest(manifestDescriptor);
        Descriptor first = manifest.layers().get(0);
        // alter the ciphertext and re-address it, so that only the HMAC can notice
        byte[] blob = Files.readAllBytes(dir.resolve("enc").resolve(first.digest().blobPath()));
        blob[blob.length / 3] ^= 4;
        Descriptor altered;
        try (var out = enc.newBlob()) {
            out.write(blob);
            altered = out.commit(first.mediaType());
        }
        List<Descriptor> layers = new java.util.ArrayList<>(manifest.layers());
        layers.set(0, first.withContent(altered.digest(), altered.size()));
        Descriptor rewritten = enc.writeDocument(MediaTypes.OCI_MANIFEST, manifest.asOciWith(manifest.config(), layers));
        enc.tag("v1", rewritten);
        Files.createDirectories(dir.resolve("dec"));
        ImageDecryptor decryptor = new ImageDecryptor(List.of(new AttestationAgentKeyUnwrapper(kid -> kek(5))), ProgressListener.NONE);
        assertThatThrownBy(() -> decryptor.decrypt(ref("enc"), ref("dec"))).isInstanceOf(LayerIntegrityException.class);
        assertThat(OciLayout.open(dir.resolve("dec")).index().manifests()).isEmpty();
        try (var files = Files.list(dir.resolve("dec/blobs/sha256"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".incoming"));
        }
    }

    @Test
    void zstdLayersAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path zstd = dir.resolve("zstd");
        TestImages.writeBlobs(zstd, "v1", MediaTypes.OCI_LAYER_ZSTD, List.of(new byte[]{40, -75, 47, -3}), List.of(Digest.sha256(new byte[0]).toString()));
        ImageEncryptor encryptor = new ImageEncryptor(List.of(new AttestationAgentKeyWrapper(KID, kek(5))), ProgressListener.NONE);
        assertThatThrownBy(() -> encryptor.encrypt(new ImageReference(zstd, "v1"), ref("enc")))
                .isInstanceOf(LayerRefusedException.class).hasMessageContaining("zstd").hasMessageContaining("image-rs");
        assertThat(dir.resolve("enc")).doesNotExist();
    }

    @Test
    void alreadyEncryptedLayersAreRefused() throws Exception {
        writePlain();
        new ImageEncryptor(List.of(new AttestationAgentKeyWrapper(KID, kek(5))), ProgressListener.NONE).encrypt(ref("plain"), ref("enc"));
        ImageEncryptor again = new ImageEncryptor(List.of(new AttestationAgentKeyWrapper(KID, kek(5))), ProgressListener.NONE);
        assertThatThrownBy(() -> again.encrypt(ref("enc"), ref("enc2"))).hasMessageContaining("already encrypted");
    }

    @Test
    void progressSeesEveryByte() throws Exception {
        writePlain();
        long[] total = new long[1];
        int[] blobs = new int[1];
        ProgressListener counting = new ProgressListener() {
            @Override
            public void started(String label, long size) {
                blobs[0]++;
            }

            @Override
            public void advanced(long count) {
                total[0] += count;
            }
        };
        new ImageEncryptor(List.of(new AttestationAgentKeyWrapper(KID, kek(5))), counting).encrypt(ref("plain"), ref("enc"));
        long expected = TestImages.layers(plain, "v1").stream().mapToLong(Descriptor::size).sum();
        assertThat(blobs[0]).isEqualTo(2);
        assertThat(total[0]).isEqualTo(expected);
    }
}
