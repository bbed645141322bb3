package io.coco4j.image.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * An OCI image layout on disk ({@code oci-layout}, {@code index.json}, {@code blobs/<alg>/<hex>}).
 * Every blob read is checked against its descriptor's digest and size; every write is atomic (blobs
 * by rename of a synced temporary file, {@code index.json} likewise).
 */
public final class OciLayout {

    public static final String LAYOUT_FILE = "oci-layout";
    public static final String INDEX_FILE = "index.json";
    /** Bound for JSON documents (manifests, configs, indexes) read into memory. */
    public static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

    private final Path root;

    private OciLayout(Path root) {
        this.root = root;
    }

    /** An existing layout; fails when {@code oci-layout} or {@code index.json} is missing or malformed. */
    public static OciLayout open(Path root) throws IOException {
        Path layoutFile = root.resolve(LAYOUT_FILE);
        if (!Files.isRegularFile(layoutFile)) {
            throw new OciFormatException(root + " is not an OCI image layout (no " + LAYOUT_FILE + " file)");
        }
        JsonNode layout = parse(Files.readAllBytes(layoutFile), LAYOUT_FILE);
        String version = layout.path("imageLayoutVersion").asText("");
        if (!version.startsWith("1.")) {
            throw new OciFormatException("unsupported imageLayoutVersion '" + version + "' in " + layoutFile);
        }
        OciLayout opened = new OciLayout(root);
        opened.index(); // fails early on a missing or malformed index
        return opened;
    }

    /** The layout at {@code root}, created (empty) when the directory does not hold one yet. */
    public static OciLayout openOrCreate(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve(LAYOUT_FILE))) {
            return open(root);
        }
        Files.createDirectories(root.resolve("blobs").resolve("sha256"));
        OciLayout created = new OciLayout(root);
        created.writeAtomically(root.resolve(LAYOUT_FILE), "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        created.writeIndex(ImageIndex.empty());
        return created;
    }

    public Path root() {
        return root;
    }

    public ImageIndex index() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(root.resolve(INDEX_FILE));
        } catch (NoSuchFileException e) {
            throw new OciFormatException(root + " has no " + INDEX_FILE);
        }
        ImageIndex index = read(bytes, ImageIndex.class, INDEX_FILE);
        index.validate();
        return index;
    }

    /**
     * The manifest (or nested index) descriptor tagged {@code tag}; with no tag, the layout's only
     * entry.
     */
    public Descriptor resolve(String tag) throws IOException {
        ImageIndex index = index();
        if (tag == null || tag.isEmpty()) {
            if (index.manifests().size() != 1) {
                throw new OciFormatException(root + " holds " + index.manifests().size() + " images: name one with :TAG");
            }
            return index.manifests().get(0);
        }
        return index.find(tag).orElseThrow(() -> new OciFormatException("no image tagged '" + tag + "' in " + root));
    }

    public ImageManifest manifest(Descriptor descriptor) throws IOException {
        if (!MediaTypes.isManifest(descriptor.mediaType())) {
            throw new OciFormatException("not an image manifest: " + descriptor.mediaType());
        }
        ImageManifest manifest = read(readDocument(descriptor), ImageManifest.class, "manifest " + descriptor.digest().shortForm());
        manifest.validate();
        return manifest;
    }

    public ImageIndex nestedIndex(Descriptor descriptor) throws IOException {
        ImageIndex index = read(readDocument(descriptor), ImageIndex.class, "index " + descriptor.digest().shortForm());
        index.validate();
        return index;
    }

    /** A JSON document blob, verified, at most {@link #MAX_DOCUMENT_BYTES}. */
    public byte[] readDocument(Descriptor descriptor) throws IOException {
        if (descriptor.size() > MAX_DOCUMENT_BYTES) {
            throw new OciFormatException("document " + descriptor.digest().shortForm() + " declares " + descriptor.size()
                    + " bytes, more than the " + MAX_DOCUMENT_BYTES + " allowed");
        }
        try (InputStream in = openBlob(descriptor)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) descriptor.size());
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    /** The blob's bytes, checked against the descriptor as they are read (the check fires at end of stream). */
    public VerifyingInputStream openBlob(Descriptor descriptor) throws IOException {
        Path path = root.resolve(descriptor.digest().blobPath());
        try {
            return new VerifyingInputStream(Files.newInputStream(path), descriptor);
        } catch (NoSuchFileException e) {
            throw new OciFormatException("blob " + descriptor.digest() + " is missing from " + root);
        }
    }

    public boolean hasBlob(Digest digest) {
        return Files.isRegularFile(root.resolve(digest.blobPath()));
    }

    /** A writer for a new sha256 blob; commit it to make it visible. */
    public BlobWriter newBlob() throws IOException {
        return new BlobWriter(root.resolve("blobs").resolve("sha256"));
    }

    /** Copies a blob from another layout, verifying it on the way. */
    public void copyBlobFrom(OciLayout source, Descriptor descriptor) throws IOException {
        if (hasBlob(descriptor.digest())) {
            return;
        }
        try (InputStream in = source.openBlob(descriptor); BlobWriter out = newBlob()) {
            in.transferTo(out);
            out.commit(descriptor.mediaType());
        }
    }

    /** Stores a JSON document as a blob; returns its descriptor. */
    public Descriptor writeDocument(String mediaType, byte[] json) throws IOException {
        try (BlobWriter out = newBlob()) {
            out.write(json);
            return out.commit(mediaType);
        }
    }

    public Descriptor writeDocument(String mediaType, Object value) throws IOException {
        return writeDocument(mediaType, Json.writeBytes(value));
    }

    /** Points {@code tag} at {@code manifest} in {@code index.json}, replacing an earlier entry of that tag. */
    public void tag(String tag, Descriptor manifest) throws IOException {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("an image in a layout needs a tag");
        }
        writeIndex(index().withTagged(tag, manifest));
    }

    private void writeIndex(ImageIndex index) throws IOException {
        writeAtomically(root.resolve(INDEX_FILE), Json.writeBytes(index));
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("the file system cannot replace files atomically", e);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Every manifest an entry leads to: itself, or the manifests of a (nested) index. */
    public List<ManifestRef> manifests(Descriptor entry) throws IOException {
        List<ManifestRef> found = new java.util.ArrayList<>();
        collect(entry, found, 0);
        return found;
    }

    /** A manifest found through the index, with its descriptor. */
    public record ManifestRef(Descriptor descriptor, ImageManifest manifest) {
    }

    private void collect(Descriptor entry, List<ManifestRef> found, int depth) throws IOException {
        if (depth > 4) {
            throw new OciFormatException("indexes nested more than 4 deep");
        }
        if (MediaTypes.isIndex(entry.mediaType())) {
            for (Descriptor child : nestedIndex(entry).manifests()) {
                collect(child, found, depth + 1);
            }
        } else {
            found.add(new ManifestRef(entry, manifest(entry)));
        }
    }

    private static JsonNode parse(byte[] bytes, String what) throws OciFormatException {
        try {
            return Json.readTree(bytes);
        } catch (IOException e) {
            throw new OciFormatException(what + " is not valid JSON", e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type, String what) throws OciFormatException {
        try {
            T value = Json.read(bytes, type);
            if (value == null) {
                throw new OciFormatException(what + " is empty");
            }
            return value;
        } catch (OciFormatException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new OciFormatException(what + " is malformed: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Used by tests and tools that need to know where a blob lives. */
    public Optional<Path> blobPath(Digest digest) {
        Path path = root.resolve(digest.blobPath());
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }
}
