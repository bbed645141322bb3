package io.coco4j.image.attacks;

import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.testing.TarBuilder;
import io.coco4j.image.unpack.LayerUnpacker;
import io.coco4j.image.unpack.PathEscapeException;
import io.coco4j.image.unpack.UnpackLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attack: a layer whose tar entries try to write outside the rootfs it is unpacked into — by
 * {@code ../} names, absolute names, a symbolic link planted by one entry (or layer) and written
 * through by the next, or a hard link to a host file. Every write must land inside the rootfs or
 * be refused; the sentinel file beside the rootfs must never change.
 */
class TarPathEscapeAttackTest {

    @TempDir
    Path dir;

    private Path rootfs;
    private Path sentinel;

    @BeforeEach
    void setUp() throws Exception {
        rootfs = dir.resolve("bundle/rootfs");
        Files.createDirectories(rootfs);
        sentinel = dir.resolve("bundle/victim");
        Files.writeString(sentinel, "untouched");
    }

    private void apply(byte[] tar) throws Exception {
        new LayerUnpacker(rootfs, UnpackLimits.DEFAULT).apply(new ByteArrayInputStream(tar), MediaTypes.Compression.NONE, null);
    }

    private void assertNothingEscaped() throws Exception {
        assertThat(Files.readString(sentinel)).isEqualTo("untouched");
        try (Stream<Path> outside = Files.list(dir.resolve("bundle"))) {
            assertThat(outside.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("rootfs", "victim");
        }
        try (Stream<Path> top = Files.list(dir)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactly("bundle");
        }
    }

    @Test
    void dotDotNamesAreRefused() throws Exception {
        assertThatThrownBy(() -> apply(new TarBuilder().file("../victim", "owned").build()))
                .isInstanceOf(PathEscapeException.class).hasMessageContaining("climbs above the rootfs");
        assertThatThrownBy(() -> apply(new TarBuilder().file("a/../../victim", "owned").build()))
                .isInstanceOf(PathEscapeException.class);
        assertThatThrownBy(() -> apply(new TarBuilder().file("./../../../../tmp/x", "owned").build()))
                .isInstanceOf(PathEscapeException.class);
        assertNothingEscaped();
    }

    @Test
    void absoluteNamesStayInsideTheRootfs() throws Exception {
        apply(new TarBuilder().file("/etc/passwd", "root:x:0:0::/root:/bin/sh\n").build());
        assertThat(Files.readString(rootfs.resolve("etc/passwd"))).startsWith("root:");
        assertNothingEscaped();
    }

    @Test
    void writingThroughAPlantedSymlinkStaysInside() throws Exception {
        // the link points at the rootfs's parent; the next entry writes "through" it
        apply(new TarBuilder().symlink("escape", "..").file("escape/victim", "owned").build());
        apply(new TarBuilder().symlink("abs", dir.resolve("bundle").toString()).file("abs/victim", "owned again").build());
        assertNothingEscaped();
        assertThat(Files.readString(rootfs.resolve("victim"))).isEqualTo("owned"); // ".." from the root is the root
    }

    @Test
    void aSymlinkPlantedByALowerLayerIsFollowedOnlyWithinTheRootfs() throws Exception {
        apply(new TarBuilder().symlink("etc", "../../..").build());
        apply(new TarBuilder().file("etc/victim", "owned").build());
        assertNothingEscaped();
        assertThat(rootfs.resolve("victim")).exists();
    }

    @Test
    void hardLinksToHostFilesAreRefused() throws Exception {
        assertThatThrownBy(() -> apply(new TarBuilder().hardlink("link", "../victim").build())).isInstanceOf(PathEscapeException.class);
        assertThatThrownBy(() -> apply(new TarBuilder().hardlink("link", sentinel.toString()).build()))
                .isInstanceOf(PathEscapeException.class).hasMessageContaining("not a regular file inside the rootfs");
        apply(new TarBuilder().symlink("up", "..").build());
        assertThatThrownBy(() -> apply(new TarBuilder().hardlink("link2", "up/../victim").build())).isInstanceOf(PathEscapeException.class);
        assertNothingEscaped();
    }

    @Test
    void whiteoutsCannotDeleteOutside() throws Exception {
        assertThatThrownBy(() -> apply(new TarBuilder().file("../.wh.victim", "").build())).isInstanceOf(PathEscapeException.class);
        apply(new TarBuilder().symlink("up", "..").build());
        apply(new TarBuilder().file("up/.wh.victim", "").build());
        assertNothingEscaped();
    }
}
