package io.coco4j.image.pull;

import io.coco4j.guest.attester.SampleAttester;
import io.coco4j.guest.kbs.KbsClient;
import io.coco4j.image.crypt.ImageEncryptor;
import io.coco4j.image.crypt.ProgressListener;
import io.coco4j.image.keywrap.AttestationAgentKeyUnwrapper;
import io.coco4j.image.keywrap.AttestationAgentKeyWrapper;
import io.coco4j.image.keywrap.KbsKekSource;
import io.coco4j.image.keywrap.KeyNotReleasedException;
import io.coco4j.image.oci.ImageReference;
import io.coco4j.image.registry.RegistryClient;
import io.coco4j.image.registry.RegistryException;
import io.coco4j.image.testing.TestImages;
import io.coco4j.image.testing.TestRegistry;
import io.coco4j.image.unpack.UnpackLimits;
import io.coco4j.kbs.server.ServerMode;
import io.coco4j.kbs.server.TestKbs;
import io.coco4j.protocol.resource.ResourceUri;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An image encrypted by coco4j, pushed by skopeo to a real distribution registry on loopback, pulled
 * by the puller: layer keys released by a real KBS to the attested (sample) guest, layers decrypted,
 * verified and unpacked; the files are the originals.
 */
class ImagePullTest {

    @TempDir
    Path dir;

    private TestKbs kbs;
    private TestRegistry registry;
    private byte[] kek;
    private final byte[] binary = TestImages.random(400_000, 31);

    @BeforeEach
    void start() throws Exception {
        registry = TestRegistry.start(dir.resolve("registry"));
        kbs = TestKbs.start(dir.resolve("kbs"), ServerMode.DEVELOPMENT);
        kek = TestImages.random(32, 32);
        kbs.setResource("default/image-kek/pull", kek);
        TestImages.write(dir.resolve("plain"), "v1", List.of(
                List.of(TestImages.File.text("etc/motd", "pulled"), TestImages.File.text("etc/old", "x"), new TestImages.File("usr/bin/app", binary)),
                List.of(TestImages.File.text("etc/.wh.old", ""), TestImages.File.text("etc/version", "2"))));
        new ImageEncryptor(List.of(new AttestationAgentKeyWrapper(ResourceUri.parse("kbs:///default/image-kek/pull"), kek)),
                ProgressListener.NONE).encrypt(new ImageReference(dir.resolve("plain"), "v1"), new ImageReference(dir.resolve("enc"), "v1"));
        registry.push(dir.resolve("enc"), "v1", "coco/app:v1");
    }

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        if (kbs != null) {
            kbs.close();
        }
    }

    private ImagePuller puller() {
        KbsClient client = KbsClient.builder().url(kbs.url).attester(new SampleAttester()).build();
        return new ImagePuller(RegistryClient.builder().build(), List.of(new AttestationAgentKeyUnwrapper(new KbsKekSource(client))),
                UnpackLimits.DEFAULT, ProgressListener.NONE, Platform.current());
    }

    @Test
    void pullsDecryptsAndUnpacksTheOriginalFiles() throws Exception {
        Path bundle = dir.resolve("bundle");
        PulledImage pulled = puller().pull(registry.address + "/coco/app:v1", bundle);
        Path rootfs = bundle.resolve("rootfs");
        assertThat(pulled.rootfs()).isEqualTo(rootfs);
        assertThat(pulled.layers()).isEqualTo(2);
        assertThat(Files.readString(rootfs.resolve("etc/motd"))).isEqualTo("pulled");
        assertThat(Files.readString(rootfs.resolve("etc/version"))).isEqualTo("2");
        assertThat(Files.readAllBytes(rootfs.resolve("usr/bin/app"))).isEqualTo(binary);
        assertThat(rootfs.resolve("etc/old")).doesNotExist();
        try (var entries = Files.list(bundle)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("rootfs");
        }
        // the digest returned is the manifest's in the registry, also reachable by digest
        Path again = dir.resolve("bundle2");
        assertThat(puller().pull(registry.address + "/coco/app@" + pulled.manifestDigest(), again).manifestDigest())
                .isEqualTo(pulled.manifestDigest());
    }

    @Test
    void aDenyingPolicyPullsNothing() throws Exception {
        String deny = Base64.getUrlEncoder().withoutPadding().encodeToString("package policy\nimport rego.v1\ndefault allow := false\n"
                .getBytes(StandardCharsets.UTF_8));
        kbs.post("/kbs/v0/resource-policy", "{\"policy\":\"" + deny + "\"}", "Authorization", "Bearer " + kbs.adminToken());
        Path bundle = dir.resolve("bundle");
        assertThatThrownBy(() -> puller().pull(registry.address + "/coco/app:v1", bundle))
                .isInstanceOf(KeyNotReleasedException.class).hasMessageStartingWith("key not released: policy denied");
        assertThat(bundle).doesNotExist();
    }

    @Test
    void aBlobAlteredInTheRegistryIsRefusedAndLeavesNothing() throws Exception {
        io.coco4j.image.oci.OciLayout enc = io.coco4j.image.oci.OciLayout.open(dir.resolve("enc"));
        String hex = enc.manifest(enc.resolve("v1")).layers().get(0).digest().hex();
        Path stored = dir.resolve("registry/storage/docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
        byte[] bytes = Files.readAllBytes(stored);
        bytes[bytes.length / 2] ^= 1;
        Files.write(stored, bytes);
        Path bundle = dir.resolve("bundle");
        assertThatThrownBy(() -> puller().pull(registry.address + "/coco/app:v1", bundle))
                .isInstanceOf(io.coco4j.image.oci.DigestMismatchException.class);
        try (var left = Files.list(bundle)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void unknownImagesAndDigestsAreReported() throws Exception {
        assertThatThrownBy(() -> puller().pull(registry.address + "/coco/none:v1", dir.resolve("b1")))
                .isInstanceOf(RegistryException.class).hasMessageContaining("not found");
        assertThatThrownBy(() -> puller().pull(registry.address + "/coco/app@sha256:" + "0".repeat(64), dir.resolve("b2")))
                .isInstanceOf(RegistryException.class);
        Files.createDirectories(dir.resolve("b3/rootfs"));
        assertThatThrownBy(() -> puller().pull(registry.address + "/coco/app:v1", dir.resolve("b3")))
                .hasMessageContaining("already exists");
    }
}
