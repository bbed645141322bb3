package io.coco4j.image.unpack;

import io.coco4j.image.oci.Digest;
import io.coco4j.image.oci.MediaTypes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Applies image layers to a rootfs directory the way a container runtime's snapshotter would, but
 * refusing everything that could reach outside it: names are resolved inside the rootfs (symbolic
 * links followed within it, {@code ..} stopping at its root), hard links must point inside, device
 * nodes and FIFOs are not created, and OCI whiteouts ({@code .wh.NAME}, {@code .wh..wh..opq}) delete
 * what lower layers left. The uncompressed stream is bounded ({@link UnpackLimits}) and checked
 * against the layer's diff_id.
 */
public final class LayerUnpacker {

    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_WHITEOUT = ".wh..wh..opq";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path rootfs;
    private final RootfsPaths paths;
    private final UnpackLimits limits;

    public LayerUnpacker(Path rootfs, UnpackLimits limits) throws IOException {
        Files.createDirectories(rootfs);
        this.rootfs = rootfs.toRealPath();
        this.paths = new RootfsPaths(this.rootfs);
        this.limits = limits;
    }

    /**
     * Applies one layer blob (plaintext, still compressed as its media type says). The stream is read
     * as far as the layer goes and left open.
     *
     * @param expectedDiffId the config's diff_id for this layer (digest of the uncompressed tar), or {@code null}
     */
    public UnpackReport apply(InputStream blob, MediaTypes.Compression compression, Digest expectedDiffId) throws IOException {
        BoundedExpansion bounds = new BoundedExpansion(limits);
        // the caller's stream stays open: an encrypted layer's caller still has to read it to its end (HMAC)
        InputStream unclosable = new java.io.FilterInputStream(blob) {
            @Override
            public void close() {
            }
        };
        InputStream compressed = bounds.compressedSide(new BufferedInputStream(unclosable, 64 * 1024));
        InputStream tarStream = switch (compression) {
            case NONE -> compressed;
            case GZIP -> new GZIPInputStream(compressed, 64 * 1024);
            case ZSTD -> throw new UnpackException("zstd-compressed layers are not supported (only tar and tar+gzip)");
        };
        MessageDigest diffDigest = expectedDiffId == null ? null : expectedDiffId.newMessageDigest();
        InputStream expanded = bounds.expandedSide(tarStream);
        if (diffDigest != null) {
            expanded = new DigestInputStream(expanded, diffDigest);
        }
        Apply apply = new Apply();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(expanded)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++apply.entries > limits.maxEntries()) {
                    throw new DecompressionBombException("the layer has more than " + limits.maxEntries() + " entries");
                }
                apply.entry(entry, tar);
            }
            apply.finishDirectories();
            // the tar end-of-archive blocks and any padding count for the diff_id
            expanded.transferTo(OutputStream.nullOutputStream());
        } catch (IllegalArgumentException e) {
            throw new UnpackException("the layer is not a valid tar stream: " + e.getMessage(), e);
        }
        if (diffDigest != null) {
            Digest actual = Digest.of(expectedDiffId.algorithm(), diffDigest);
            if (!actual.equals(expectedDiffId)) {
                throw new UnpackException("the layer's uncompressed content " + actual + " does not match its diff_id " + expectedDiffId);
            }
        }
        return new UnpackReport(apply.entries, bounds.expanded(), apply.whiteouts, apply.skipped);
    }

    /** The state of applying one layer. */
    private final class Apply {
        long entries;
        long whiteouts;
        long skipped;
        private final Set<Path> created = new HashSet<>();
        private final List<Object[]> directories = new ArrayList<>();

        void entry(TarArchiveEntry entry, TarArchiveInputStream tar) throws IOException {
            List<String> components = RootfsPaths.components(entry.getName());
            if (components.isEmpty()) {
                return; // "./": the rootfs itself
            }
            String base = components.get(components.size() - 1);
            if (base.startsWith(WHITEOUT_PREFIX)) {
                whiteout(components, base);
                return;
            }
            Path path = paths.resolveEntry(components);
            if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                skipped++; // never create device nodes or FIFOs from an image
                return;
            }
            Files.createDirectories(path.getParent());
            if (entry.isDirectory()) {
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    removeExisting(path);
                    Files.createDirectory(path);
                }
                directories.add(new Object[]{path, entry});
            } else if (entry.isSymbolicLink()) {
                removeExisting(path);
                if (entry.getLinkName().indexOf('\0') >= 0) {
                    throw new PathEscapeException("symbolic link target contains a NUL byte");
                }
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                owner(path, entry);
            } else if (entry.isLink()) {
                Path target = paths.resolveEntry(RootfsPaths.components(entry.getLinkName()));
                if (!target.startsWith(rootfs) || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new PathEscapeException("hard link '" + RootfsPaths.printable(entry.getName()) + "' points at '"
                            + RootfsPaths.printable(entry.getLinkName()) + "', which is not a regular file inside the rootfs");
                }
                removeExisting(path);
                Files.createLink(path, target);
            } else if (entry.isFile()) {
                removeExisting(path);
                try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS)) {
                    tar.transferTo(out);
                }
                attributes(path, entry);
            } else {
                skipped++;
                return;
            }
            created.add(path);
        }

        private void whiteout(List<String> components, String base) throws IOException {
            whiteouts++;
            List<String> parent = components.subList(0, components.size() - 1);
            Path directory = paths.resolveFully(parent); // every component followed within the rootfs
            if (!directory.startsWith(rootfs)) {
                throw new PathEscapeException("whiteout outside the rootfs");
            }
            if (base.equals(OPAQUE_WHITEOUT)) {
                if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
                        for (Path child : children) {
                            if (!created.contains(child)) {
                                deleteRecursively(child);
                            }
                        }
                    }
                }
                return;
            }
            String name = base.substring(WHITEOUT_PREFIX.length());
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw new PathEscapeException("malformed whiteout '" + RootfsPaths.printable(base) + "'");
            }
            deleteRecursively(directory.resolve(name));
        }

        void finishDirectories() throws IOException {
            // deepest first, so that read-only directories are made read-only after their content was written
            for (int i = directories.size() - 1; i >= 0; i--) {
                attributes((Path) directories.get(i)[0], (TarArchiveEntry) directories.get(i)[1]);
            }
        }

        private void removeExisting(Path path) throws IOException {
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                deleteRecursively(path);
            } else {
                Files.deleteIfExists(path);
            }
        }

        private void attributes(Path path, TarArchiveEntry entry) throws IOException {
            Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            owner(path, entry);
            if (entry.getLastModifiedTime() != null) {
                Files.setLastModifiedTime(path, FileTime.fromMillis(entry.getLastModifiedTime().toMillis()));
            }
        }

        private void owner(Path path, TarArchiveEntry entry) throws IOException {
            if (ROOT) {
                Files.setAttribute(path, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                // a read-only directory from the image must still be emptied
                Files.setPosixFilePermissions(dir, permissions(0700));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
