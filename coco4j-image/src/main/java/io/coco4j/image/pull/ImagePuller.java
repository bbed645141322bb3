package io.coco4j.image.pull;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.image.crypt.LayerDecryptor;
import io.coco4j.image.crypt.ProgressListener;
import io.coco4j.image.keywrap.KeyUnwrapper;
import io.coco4j.image.oci.Descriptor;
import io.coco4j.image.oci.Digest;
import io.coco4j.image.oci.ImageIndex;
import io.coco4j.image.oci.ImageManifest;
import io.coco4j.image.oci.MediaTypes;
import io.coco4j.image.oci.OciFormatException;
import io.coco4j.image.oci.VerifyingInputStream;
import io.coco4j.image.registry.ImageName;
import io.coco4j.image.registry.RegistryClient;
import io.coco4j.image.unpack.LayerUnpacker;
import io.coco4j.image.unpack.UnpackException;
import io.coco4j.image.unpack.UnpackLimits;
import io.coco4j.protocol.json.Json;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Pulls an image from a registry into a bundle directory, as the CDH's {@code PullImage} does: the
 * manifest (through an index, for this platform) and config with their digests checked, every
 * layer key unwrapped before anything is written (so a refused key leaves nothing behind), then
 * each layer downloaded and verified, decrypted (HMAC and digest checked), and applied to a staging
 * rootfs with its diff_id checked; the staging rootfs becomes {@code <bundle>/rootfs} only at the end.
 */
public final class ImagePuller {

    public static final String ROOTFS = "rootfs";

    private final RegistryClient registry;
    private final List<KeyUnwrapper> unwrappers;
    private final UnpackLimits limits;
    private final ProgressListener progress;
    private final Platform platform;

    public ImagePuller(RegistryClient registry, List<KeyUnwrapper> unwrappers, UnpackLimits limits, ProgressListener progress,
                       Platform platform) {
        this.registry = registry;
        this.unwrappers = List.copyOf(unwrappers);
        this.limits = limits;
        this.progress = progress;
        this.platform = platform;
    }

    public PulledImage pull(String imageUrl, Path bundle) throws IOException {
        ImageName name;
        try {
            name = ImageName.parse(imageUrl);
        } catch (IllegalArgumentException e) {
            throw new OciFormatException(e.getMessage());
        }
        Path rootfs = bundle.resolve(ROOTFS);
        if (Files.exists(rootfs, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(rootfs + " already exists; pull into an empty bundle directory");
        }
        RegistryClient.FetchedManifest fetched = registry.manifest(name, name.reference());
        Descriptor manifestDescriptor = fetched.descriptor();
        byte[] manifestBody = fetched.body();
        if (MediaTypes.isIndex(manifestDescriptor.mediaType())) {
            Descriptor chosen = choose(read(manifestBody, ImageIndex.class, "index"), name);
            RegistryClient.FetchedManifest child = registry.manifest(name, chosen.digest().toString());
            if (child.descriptor().size() != chosen.size()) {
                throw new OciFormatException("the manifest for " + platform + " is not the size its index entry declares");
            }
            manifestDescriptor = child.descriptor();
            manifestBody = child.body();
        }
        if (!MediaTypes.isManifest(manifestDescriptor.mediaType())) {
            throw new OciFormatException(name + " is a " + manifestDescriptor.mediaType() + ", not an image");
        }
        ImageManifest manifest = read(manifestBody, ImageManifest.class, "manifest");
        if (manifest.schemaVersion() != 2 || manifest.config() == null) {
            throw new OciFormatException("the manifest of " + name + " is not a schema 2 image manifest");
        }
        List<Digest> diffIds = diffIds(name, manifest);

        List<LayerDecryptor.LayerKey> keys = new ArrayList<>();
        try {
            LayerDecryptor decryptor = unwrappers.isEmpty() ? null : new LayerDecryptor(unwrappers);
            for (Descriptor layer : manifest.layers()) {
                if (!MediaTypes.isLayer(layer.mediaType())) {
                    throw new OciFormatException("unsupported layer media type " + layer.mediaType());
                }
                if (MediaTypes.isEncrypted(layer.mediaType())) {
                    if (decryptor == null) {
                        throw new UnpackException("layer " + layer.digest().shortForm() + " is encrypted but no key provider is configured");
                    }
                    keys.add(decryptor.unwrapKey(layer));
                } else {
                    keys.add(null);
                }
            }
            Files.createDirectories(bundle);
            Path staging = Files.createTempDirectory(bundle, ".rootfs-");
            try {
                LayerUnpacker unpacker = new LayerUnpacker(staging, limits);
                for (int i = 0; i < manifest.layers().size(); i++) {
                    applyLayer(name, manifest.layers().get(i), keys.get(i), diffIds.get(i), unpacker, bundle);
                }
                Files.move(staging, rootfs, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(staging);
                throw e;
            }
        } finally {
            keys.stream().filter(java.util.Objects::nonNull).forEach(k -> k.privateOptions().destroy());
        }
        return new PulledImage(manifestDescriptor.digest(), rootfs, manifest.layers().size());
    }

    private void applyLayer(ImageName name, Descriptor layer, LayerDecryptor.LayerKey key, Digest diffId, LayerUnpacker unpacker,
                            Path bundle) throws IOException {
        // the whole blob is verified before a byte of it is parsed
        Path download = Files.createTempFile(bundle, ".layer-", ".blob");
        try {
            progress.started("pull " + layer.digest().shortForm(), layer.size());
            try (VerifyingInputStream in = registry.blob(name, layer); OutputStream out = Files.newOutputStream(download)) {
                InputStream counted = new FilterInputStream(in) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0) {
                            progress.advanced(n);
                        }
                        return n;
                    }
                };
                counted.transferTo(out);
            } finally {
                progress.finished();
            }
            MediaTypes.Compression compression = MediaTypes.compression(layer.mediaType())
                    .orElseThrow(() -> new OciFormatException("unknown layer compression of " + layer.mediaType()));
            try (InputStream blob = Files.newInputStream(download);
                 InputStream plain = key == null ? blob : LayerDecryptor.decrypt(blob, key)) {
                unpacker.apply(plain, compression, diffId);
                plain.transferTo(OutputStream.nullOutputStream()); // reach the end, where the HMAC is checked
            }
        } finally {
            Files.deleteIfExists(download);
        }
    }

    private Descriptor choose(ImageIndex index, ImageName name) throws OciFormatException {
        for (Descriptor entry : index.manifests()) {
            if (platform.matches(entry.platform())) {
                return entry;
            }
        }
        throw new OciFormatException(name + " has no image for " + platform);
    }

    private List<Digest> diffIds(ImageName name, ImageManifest manifest) throws IOException {
        Descriptor config = manifest.config();
        if (config.size() > io.coco4j.image.oci.OciLayout.MAX_DOCUMENT_BYTES) {
            throw new OciFormatException("the image config is larger than " + io.coco4j.image.oci.OciLayout.MAX_DOCUMENT_BYTES + " bytes");
        }
        byte[] body;
        try (VerifyingInputStream in = registry.blob(name, config)) {
            body = in.readAllBytes();
        }
        JsonNode diffIds = read(body, JsonNode.class, "config").path("rootfs").path("diff_ids");
        List<Digest> result = new ArrayList<>();
        for (JsonNode id : diffIds) {
            try {
                result.add(Digest.parse(id.asText()));
            } catch (IllegalArgumentException e) {
                throw new OciFormatException("the image config has a malformed diff_id");
            }
        }
        if (result.size() != manifest.layers().size()) {
            throw new OciFormatException("the image config lists " + result.size() + " diff_ids for " + manifest.layers().size() + " layers");
        }
        return result;
    }

    private static <T> T read(byte[] body, Class<T> type, String what) throws OciFormatException {
        try {
            T value = Json.read(body, type);
            if (value == null) {
                throw new OciFormatException("empty " + what);
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw new OciFormatException("malformed " + what + ": " + e.getClass().getSimpleName());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                try (var walk = Files.walk(path)) {
                    walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                        try {
                            p.toFile().setWritable(true);
                            Files.delete(p);
                        } catch (IOException ignored) {
                            // best effort: a staging directory left behind holds no secret and is never used
                        }
                    });
                }
            }
        } catch (IOException ignored) {
            // as above
        }
    }
}
