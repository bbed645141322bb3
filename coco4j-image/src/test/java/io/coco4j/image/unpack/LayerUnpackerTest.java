package io.coco4j.image.unpack;

import io.coco4j.image.oci.Digest;
import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.testing.TarBuilder;
import io.coco4j.image.testing.TestImages;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayerUnpackerTest {

    @TempDir
    Path dir;

    private UnpackReport apply(Path rootfs, byte[] tar) throws Exception {
        return new LayerUnpacker(rootfs, UnpackLimits.DEFAULT).apply(new ByteArrayInputStream(TestImages.gzip(tar)),
                MediaTypes.Compression.GZIP, Digest.sha256(tar));
    }

    @Test
    void appliesFilesLinksAndModes() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        apply(rootfs, new TarBuilder().dir("etc").file("etc/motd", "hello").file("bin/tool", "#!/bin/sh\n".getBytes(), 0755)
                .symlink("etc/link", "motd").symlink("abs", "/etc/motd").hardlink("etc/hard", "etc/motd").build());
        assertThat(Files.readString(rootfs.resolve("etc/motd"))).isEqualTo("hello");
        assertThat(Files.isExecutable(rootfs.resolve("bin/tool"))).isTrue();
        assertThat(Files.readSymbolicLink(rootfs.resolve("etc/link")).toString()).isEqualTo("motd");
        assertThat(Files.readSymbolicLink(rootfs.resolve("abs")).toString()).isEqualTo("/etc/motd");
        assertThat(Files.readString(rootfs.resolve("etc/hard"))).isEqualTo("hello");
        assertThat(Files.isSameFile(rootfs.resolve("etc/hard"), rootfs.resolve("etc/motd"))).isTrue();
    }

    @Test
    void whiteoutsDeleteWhatLowerLayersLeft() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        apply(rootfs, new TarBuilder().file("a/keep", "1").file("a/gone", "2").file("b/x", "3").file("b/y", "4").build());
        UnpackReport report = apply(rootfs, new TarBuilder().file("a/.wh.gone", "").dir("b").file("b/.wh..wh..opq", "")
                .file("b/new", "5").build());
        assertThat(report.whiteouts()).isEqualTo(2);
        assertThat(rootfs.resolve("a/keep")).exists();
        assertThat(rootfs.resolve("a/gone")).doesNotExist();
        assertThat(rootfs.resolve("a/.wh.gone")).doesNotExist();
        assertThat(rootfs.resolve("b/x")).doesNotExist();
        assertThat(rootfs.resolve("b/y")).doesNotExist();
        assertThat(Files.readString(rootfs.resolve("b/new"))).isEqualTo("5");
    }

    @Test
    void laterLayersReplaceTypes() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        apply(rootfs, new TarBuilder().file("x/inner", "1").file("f", "2").build());
        apply(rootfs, new TarBuilder().file("x", "now a file").dir("f").build());
        assertThat(Files.readString(rootfs.resolve("x"))).isEqualTo("now a file");
        assertThat(Files.isDirectory(rootfs.resolve("f"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void deviceNodesAndFifosAreNotCreated() throws Exception {
        Path rootfs = dir.resolve("rootfs");
        UnpackReport report = apply(rootfs, new TarBuilder().device("dev/null", TarConstants.LF_CHR).device("dev/sda", TarConstants.LF_BLK)
                .device("run/fifo", TarConstants.LF_FIFO).file("ok", "y").build());
        assertThat(report.skippedSpecialFiles()).isEqualTo(3);
        assertThat(rootfs.resolve("dev/null")).doesNotExist();
        assertThat(rootfs.resolve("dev/sda")).doesNotExist();
        assertThat(rootfs.resolve("run/fifo")).doesNotExist();
        assertThat(rootfs.resolve("ok")).exists();
    }

    @Test
    void theDiffIdIsChecked() throws Exception {
        byte[] tar = new TarBuilder().file("a", "1").build();
        LayerUnpacker unpacker = new LayerUnpacker(dir.resolve("rootfs"), UnpackLimits.DEFAULT);
        assertThatThrownBy(() -> unpacker.apply(new ByteArrayInputStream(tar), MediaTypes.Compression.NONE, Digest.sha256(new byte[1])))
                .isInstanceOf(UnpackException.class).hasMessageContaining("diff_id");
        assertThatThrownBy(() -> unpacker.apply(new ByteArrayInputStream(tar), MediaTypes.Compression.ZSTD, null))
                .hasMessageContaining("zstd");
    }
}
