package io.coco4j.image.oci;

import io.coco4j.image.testing.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OciLayoutTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsAnImage() throws Exception {
        Path root = dir.resolve("img");
        TestImages.write(root, "v1", List.of(List.of(TestImages.File.text("etc/hello", "hi"))));
        OciLayout layout = OciLayout.open(root);
        Descriptor entry = layout.resolve("v1");
        assertThat(layout.resolve(null)).isEqualTo(entry);
        ImageManifest manifest = layout.manifest(entry);
        assertThat(manifest.layers()).hasSize(1);
        assertThat(manifest.layers().get(0).mediaType()).isEqualTo(MediaTypes.OCI_LAYER_GZIP);
        try (InputStream in = layout.openBlob(manifest.layers().get(0))) {
            assertThat(in.readAllBytes()).hasSize((int) manifest.layers().get(0).size());
        }
        assertThat(Files.readString(root.resolve("oci-layout"))).contains("1.0.0");
        try (var files = Files.list(root.resolve("blobs/sha256"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
        assertThatThrownBy(() -> layout.resolve("v2")).hasMessageContaining("no image tagged 'v2'");
    }

    @Test
    void retaggingReplacesTheEntry() throws Exception {
        Path root = dir.resolve("img");
        TestImages.write(root, "v1", List.of(List.of(TestImages.File.text("a", "1"))));
        Descriptor second = TestImages.write(root, "v1", List.of(List.of(TestImages.File.text("a", "2"))));
        OciLayout layout = OciLayout.open(root);
        assertThat(layout.index().manifests()).hasSize(1);
        assertThat(layout.resolve("v1").digest()).isEqualTo(second.digest());
    }

    @Test
    void aTamperedBlobFailsItsDigestCheck() throws Exception {
        Path root = dir.resolve("img");
        TestImages.write(root, "v1", List.of(List.of(TestImages.File.text("a", "content"))));
        OciLayout layout = OciLayout.open(root);
        Descriptor layer = layout.manifest(layout.resolve("v1")).layers().get(0);
        Path blob = root.resolve(layer.digest().blobPath());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);
        assertThatThrownBy(() -> {
            try (InputStream in = layout.openBlob(layer)) {
                in.readAllBytes();
            }
        }).isInstanceOf(DigestMismatchException.class).hasMessageContaining("does not match");
    }

    @Test
    void truncatedAndOverlongBlobsFail() throws Exception {
        Path root = dir.resolve("img");
        TestImages.write(root, "v1", List.of(List.of(TestImages.File.text("a", "content"))));
        OciLayout layout = OciLayout.open(root);
        Descriptor layer = layout.manifest(layout.resolve("v1")).layers().get(0);
        Path blob = root.resolve(layer.digest().blobPath());
        byte[] bytes = Files.readAllBytes(blob);
        Files.write(blob, java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> layout.openBlob(layer).readAllBytes()).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("truncated");
        Files.write(blob, java.util.Arrays.copyOf(bytes, bytes.length + 1));
        assertThatThrownBy(() -> layout.openBlob(layer).readAllBytes()).isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining("longer");
    }

    @Test
    void refusesWhatIsNotALayout() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> OciLayout.open(dir.resolve("empty"))).hasMessageContaining("not an OCI image layout");
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.writeString(bad.resolve("index.json"), "{\"schemaVersion\":3,\"manifests\":[]}");
        assertThatThrownBy(() -> OciLayout.open(bad)).hasMessageContaining("schemaVersion 3");
        Files.writeString(bad.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"md5:00\",\"size\":1}]}");
        assertThatThrownBy(() -> OciLayout.open(bad)).hasMessageContaining("malformed");
    }

    @Test
    void readsADockerSchema2Manifest() throws Exception {
        Path root = dir.resolve("docker");
        OciLayout layout = OciLayout.openOrCreate(root);
        byte[] layer = TestImages.gzip(TestImages.tar(List.of(TestImages.File.text("x", "y"))));
        Descriptor layerDescriptor;
        try (BlobWriter out = layout.newBlob()) {
            out.write(layer);
            layerDescriptor = out.commit(MediaTypes.DOCKER_LAYER_GZIP);
        }
        Descriptor config = layout.writeDocument(MediaTypes.DOCKER_CONFIG, "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes());
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.DOCKER_CONFIG + "\",\"size\":" + config.size() + ",\"digest\":\"" + config.digest() + "\"},"
                + "\"layers\":[{\"mediaType\":\"" + MediaTypes.DOCKER_LAYER_GZIP + "\",\"size\":" + layerDescriptor.size()
                + ",\"digest\":\"" + layerDescriptor.digest() + "\"}]}";
        Descriptor m = layout.writeDocument(MediaTypes.DOCKER_MANIFEST, manifest.getBytes());
        layout.tag("d", m);
        ImageManifest read = layout.manifest(layout.resolve("d"));
        assertThat(read.isDocker()).isTrue();
        assertThat(read.layers().get(0).digest()).isEqualTo(layerDescriptor.digest());
        assertThat(MediaTypes.encrypted(MediaTypes.DOCKER_LAYER_GZIP)).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip+encrypted");
    }

    @Test
    void referencesParse() {
        assertThat(ImageReference.parse("/tmp/a:v1")).isEqualTo(new ImageReference(Path.of("/tmp/a"), "v1"));
        assertThat(ImageReference.parse("oci:rel/dir:latest")).isEqualTo(new ImageReference(Path.of("rel/dir"), "latest"));
        assertThat(ImageReference.parse("/tmp/a")).isEqualTo(new ImageReference(Path.of("/tmp/a"), null));
        assertThat(ImageReference.parse("./x:y/z").tag()).isNull();
        assertThatThrownBy(() -> ImageReference.parse("/tmp/a:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void digestsAreValidated() {
        assertThatThrownBy(() -> Digest.parse("sha256:../../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Digest.parse("md5:" + "0".repeat(32))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Digest.parse("sha256:" + "a".repeat(64)).blobPath()).isEqualTo("blobs/sha256/" + "a".repeat(64));
    }
}
