package io.coco4j.image.testing;

import io.coco4j.image.oci.BlobWriter;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.Digest;
import io.coco4j.image.oci.ImageManifest;
import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.oci.OciLayout;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Builds small real OCI images (gzip tar layers, a config with diff_ids) in a layout. */
public final class TestImages {

    private TestImages() {
    }

    /** A file of a layer: path inside the rootfs and content. */
    public record File(String path, byte[] content) {
        public static File text(String path, String text) {
            return new File(path, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A tar stream holding {@code files} (directories implied by paths are added first). */
    public static byte[] tar(List<File> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            java.util.Set<String> dirs = new java.util.HashSet<>();
            for (File file : files) {
                String[] parts = file.path().split("/");
                StringBuilder dir = new StringBuilder();
                for (int i = 0; i < parts.length - 1; i++) {
                    dir.append(parts[i]).append('/');
                    if (dirs.add(dir.toString())) {
                        TarArchiveEntry entry = new TarArchiveEntry(dir.toString());
                        entry.setMode(0755);
                        tar.putArchiveEntry(entry);
                        tar.closeArchiveEntry();
                    }
                }
                TarArchiveEntry entry = new TarArchiveEntry(file.path());
                entry.setSize(file.content().length);
                entry.setMode(0644);
                tar.putArchiveEntry(entry);
                tar.write(file.content());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    /** Random bytes, reproducible from {@code seed}. */
    public static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** An image of gzip layers, one per file list, tagged {@code tag} in a layout at {@code root}. */
    public static Descriptor write(Path root, String tag, List<List<File>> layers) throws IOException {
        List<byte[]> blobs = new ArrayList<>();
        List<String> diffIds = new ArrayList<>();
        for (List<File> files : layers) {
            byte[] tar = tar(files);
            diffIds.add(Digest.sha256(tar).toString());
            blobs.add(gzip(tar));
        }
        return writeBlobs(root, tag, MediaTypes.OCI_LAYER_GZIP, blobs, diffIds);
    }

    /** An image whose layers are the given blobs, all of {@code layerType}. */
    public static Descriptor writeBlobs(Path root, String tag, String layerType, List<byte[]> blobs, List<String> diffIds)
            throws IOException {
        OciLayout layout = OciLayout.openOrCreate(root);
        List<Descriptor> layerDescriptors = new ArrayList<>();
        for (byte[] blob : blobs) {
            try (BlobWriter out = layout.newBlob()) {
                out.write(blob);
                layerDescriptors.add(out.commit(layerType));
            }
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("config", Map.of("Cmd", List.of("/bin/sh")));
        config.put("rootfs", Map.of("type", "layers", "diff_ids", diffIds));
        Descriptor configDescriptor = layout.writeDocument(MediaTypes.OCI_CONFIG, config);
        ImageManifest manifest = new ImageManifest(2, MediaTypes.OCI_MANIFEST, null, configDescriptor, layerDescriptors, null, null);
        Descriptor manifestDescriptor = layout.writeDocument(MediaTypes.OCI_MANIFEST, manifest);
        layout.tag(tag, manifestDescriptor);
        return manifestDescriptor;
    }

    /** The layer descriptors of the image tagged {@code tag}. */
    public static List<Descriptor> layers(Path root, String tag) throws IOException {
        OciLayout layout = OciLayout.open(root);
        return layout.manifest(layout.resolve(tag)).layers();
    }
}
