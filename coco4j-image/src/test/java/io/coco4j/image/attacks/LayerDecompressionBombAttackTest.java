package io.coco4j.image.attacks;

import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.unpack.DecompressionBombException;
import io.coco4j.image.unpack.LayerUnpacker;
import io.coco4j.image.unpack.UnpackLimits;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attack: a small gzip layer that expands to gigabytes (a file of zeros compresses about 1000:1) to
 * fill the guest's disk while it is unpacked. The unpacker stops at the ratio and size limits,
 * long before the bytes would have been written.
 */
class LayerDecompressionBombAttackTest {

    @TempDir
    Path dir;

    /** gzip(tar of one file of {@code size} zero bytes), built in a few MiB of memory. */
    private static byte[] zeroBomb(long size) throws Exception {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(compressed, 1 << 16))) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            TarArchiveEntry entry = new TarArchiveEntry("zeros");
            entry.setSize(size);
            tar.putArchiveEntry(entry);
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.length) {
                tar.write(zeros, 0, (int) Math.min(zeros.length, size - written));
            }
            tar.closeArchiveEntry();
        }
        return compressed.toByteArray();
    }

    private long bytesOnDisk(Path rootfs) throws Exception {
        try (Stream<Path> files = Files.walk(rootfs)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void aHighRatioLayerIsStoppedEarly() throws Exception {
        byte[] bomb = zeroBomb(512L << 20);
        assertThat(bomb.length).isLessThan(1 << 20); // 512 MiB of zeros in under 1 MiB
        Path rootfs = dir.resolve("rootfs");
        assertThatThrownBy(() -> new LayerUnpacker(rootfs, UnpackLimits.DEFAULT)
                .apply(new ByteArrayInputStream(bomb), MediaTypes.Compression.GZIP, null))
                .isInstanceOf(DecompressionBombException.class).hasMessageContaining("decompression bomb");
        assertThat(bytesOnDisk(rootfs)).isLessThanOrEqualTo(UnpackLimits.DEFAULT.ratioGraceBytes());
    }

    @Test
    void theTotalSizeIsBoundedToo() throws Exception {
        byte[] layer = zeroBomb(8L << 20);
        UnpackLimits small = new UnpackLimits(4L << 20, 100_000, 0, 1000);
        assertThatThrownBy(() -> new LayerUnpacker(dir.resolve("rootfs"), small)
                .apply(new ByteArrayInputStream(layer), MediaTypes.Compression.GZIP, null))
                .isInstanceOf(DecompressionBombException.class).hasMessageContaining("beyond " + (4L << 20));
    }

    @Test
    void entryFloodsAreBounded() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            for (int i = 0; i < 200; i++) {
                TarArchiveEntry entry = new TarArchiveEntry("f" + i);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
        }
        UnpackLimits few = new UnpackLimits(1L << 30, 1000, 1L << 20, 100);
        assertThatThrownBy(() -> new LayerUnpacker(dir.resolve("rootfs"), few)
                .apply(new ByteArrayInputStream(out.toByteArray()), MediaTypes.Compression.GZIP, null))
                .isInstanceOf(DecompressionBombException.class).hasMessageContaining("more than 100 entries");
    }
}
