package io.coco4j.cli.image;

import io.coco4j.image.keywrap.EncryptionAnnotations;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.testing.Processes;
import io.coco4j.image.testing.TestImages;
import io.coco4j.image.testing.Tools;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interop with Debian's skopeo (Go ocicrypt's jwe wrapper and layer cipher) in both directions, on an
 * image built by umoci and on one written by coco4j.
 */
class SkopeoInteropTest {

    @TempDir
    Path dir;

    private Path skopeo;

    @BeforeEach
    void tools() {
        skopeo = Tools.require("skopeo");
    }

    private void skopeo(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(skopeo.toString(), "--insecure-policy", "copy", "--quiet"));
        command.addAll(List.of(args));
        Processes.run(command);
    }

    private Path umociImage() throws Exception {
        Path umoci = Tools.require("umoci");
        Path layout = dir.resolve("umoci");
        Processes.run(List.of(umoci.toString(), "init", "--layout", layout.toString()));
        Processes.run(List.of(umoci.toString(), "new", "--image", layout + ":v1"));
        Path bundle = dir.resolve("bundle");
        Processes.run(List.of(umoci.toString(), "unpack", "--rootless", "--image", layout + ":v1", bundle.toString()));
        java.nio.file.Files.createDirectories(bundle.resolve("rootfs/etc"));
        java.nio.file.Files.writeString(bundle.resolve("rootfs/etc/motd"), "built by umoci\n");
        java.nio.file.Files.write(bundle.resolve("rootfs/etc/blob.bin"), TestImages.random(150_000, 11));
        Processes.run(List.of(umoci.toString(), "repack", "--image", layout + ":v1", bundle.toString()));
        return layout;
    }

    private Path coco4jImage() throws Exception {
        Path layout = dir.resolve("plain");
        TestImages.write(layout, "v1", List.of(List.of(TestImages.File.text("etc/motd", "hi"),
                new TestImages.File("usr/lib/x.so", TestImages.random(120_000, 12)))));
        return layout;
    }

    @Test
    void skopeoEncryptsWithJweAndCoco4jDecrypts() throws Exception {
        for (KeyPair pair : List.of(InteropFixture.rsa(), InteropFixture.ec())) {
            String name = pair.getPublic().getAlgorithm();
            Path pub = dir.resolve(name + "-pub.pem");
            Path priv = dir.resolve(name + "-priv.pem");
            InteropFixture.writeKeyPair(pair, pub, priv);
            Path plain = name.equals("RSA") ? umociImage() : coco4jImage();
            Path encrypted = dir.resolve("skopeo-enc-" + name);
            skopeo("--encryption-key", "jwe:" + pub, "oci:" + plain + ":v1", "oci:" + encrypted + ":v1");
            List<Descriptor> layers = TestImages.layers(encrypted, "v1");
            assertThat(layers).isNotEmpty().allSatisfy(layer -> {
                assertThat(layer.mediaType()).endsWith("+encrypted");
                assertThat(layer.annotations()).containsKeys(EncryptionAnnotations.JWE, EncryptionAnnotations.PUBOPTS);
            });

            ImageCommandsTest.Run decrypt = ImageCommandsTest.run("image", "decrypt", "--recipient-key", priv.toString(),
                    encrypted + ":v1", dir.resolve("coco4j-dec-" + name) + ":v1");
            assertThat(decrypt.exitCode()).as(decrypt.err()).isZero();
            assertThat(InteropFixture.layerDigests(dir.resolve("coco4j-dec-" + name), "v1"))
                    .as(name).isEqualTo(InteropFixture.layerDigests(plain, "v1"));
        }
    }

    @Test
    void coco4jEncryptsWithJweAndSkopeoDecrypts() throws Exception {
        for (KeyPair pair : List.of(InteropFixture.rsa(), InteropFixture.ec())) {
            String name = pair.getPublic().getAlgorithm();
            Path pub = dir.resolve(name + "-pub.pem");
            Path priv = dir.resolve(name + "-priv.pem");
            InteropFixture.writeKeyPair(pair, pub, priv);
            Path plain = name.equals("RSA") ? coco4jImage() : umociImage();
            Path encrypted = dir.resolve("coco4j-enc-" + name);
            ImageCommandsTest.Run encrypt = ImageCommandsTest.run("image", "encrypt", "--recipient", "jwe:" + pub,
                    plain + ":v1", encrypted + ":v1");
            assertThat(encrypt.exitCode()).as(encrypt.err()).isZero();
            Path decrypted = dir.resolve("skopeo-dec-" + name);
            skopeo("--decryption-key", priv.toString(), "oci:" + encrypted + ":v1", "oci:" + decrypted + ":v1");
            List<Descriptor> layers = TestImages.layers(decrypted, "v1");
            assertThat(layers).allSatisfy(layer -> assertThat(layer.mediaType()).doesNotEndWith("+encrypted"));
            assertThat(InteropFixture.layerDigests(decrypted, "v1")).as(name).isEqualTo(InteropFixture.layerDigests(plain, "v1"));
        }
    }

    @Test
    void skopeoRefusesTheWrongKeyForACoco4jImage() throws Exception {
        Path pub = dir.resolve("pub.pem");
        Path priv = dir.resolve("priv.pem");
        InteropFixture.writeKeyPair(InteropFixture.rsa(), pub, priv);
        Path otherPub = dir.resolve("other-pub.pem");
        Path otherPriv = dir.resolve("other-priv.pem");
        InteropFixture.writeKeyPair(InteropFixture.rsa(), otherPub, otherPriv);
        Path plain = coco4jImage();
        assertThat(ImageCommandsTest.run("image", "encrypt", "--recipient", "jwe:" + pub, plain + ":v1", dir.resolve("enc") + ":v1")
                .exitCode()).isZero();
        List<String> command = List.of(skopeo.toString(), "--insecure-policy", "copy", "--quiet", "--decryption-key", otherPriv.toString(),
                "oci:" + dir.resolve("enc") + ":v1", "oci:" + dir.resolve("dec") + ":v1");
        assertThat(Processes.run(command, null, java.util.Map.of(), null, 120).exitCode()).isNotZero();
    }
}
