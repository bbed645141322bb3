package io.coco4j.image.oci;

import java.util.Optional;

/** The OCI and Docker media types an image tool meets, and how encryption rewrites layer types. */
public final class MediaTypes {

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";
    public static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    public static final String OCI_LAYER_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    public static final String OCI_NONDISTRIBUTABLE_LAYER = "application/vnd.oci.image.layer.nondistributable.v1.tar";

    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    public static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    public static final String DOCKER_FOREIGN_LAYER_GZIP = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

    /** The suffix ocicrypt appends to a layer type once the blob is encrypted. */
    public static final String ENCRYPTED_SUFFIX = "+encrypted";

    private MediaTypes() {
    }

    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }

    public static boolean isManifest(String mediaType) {
        return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
    }

    public static boolean isEncrypted(String mediaType) {
        return mediaType != null && mediaType.endsWith(ENCRYPTED_SUFFIX);
    }

    /** Whether a (possibly encrypted) layer type names a tar stream: OCI, OCI non-distributable or Docker. */
    public static boolean isLayer(String mediaType) {
        String plain = decrypted(mediaType);
        return plain.startsWith(OCI_LAYER) || plain.startsWith(OCI_NONDISTRIBUTABLE_LAYER)
                || DOCKER_LAYER_GZIP.equals(plain) || DOCKER_FOREIGN_LAYER_GZIP.equals(plain);
    }

    /** The type without {@code +encrypted}. */
    public static String decrypted(String mediaType) {
        return isEncrypted(mediaType) ? mediaType.substring(0, mediaType.length() - ENCRYPTED_SUFFIX.length()) : mediaType;
    }

    /**
     * The encrypted form of a plain layer type. Docker layer types become their OCI equivalents, as
     * ocicrypt writes only OCI types and a Docker type has no {@code +encrypted} form.
     */
    public static String encrypted(String mediaType) {
        String oci = switch (mediaType) {
            case DOCKER_LAYER_GZIP -> OCI_LAYER_GZIP;
            case DOCKER_FOREIGN_LAYER_GZIP -> OCI_NONDISTRIBUTABLE_LAYER + "+gzip";
            default -> mediaType;
        };
        return oci + ENCRYPTED_SUFFIX;
    }

    /** How a layer's tar stream is compressed, from its (possibly encrypted) type. */
    public static Optional<Compression> compression(String mediaType) {
        if (!isLayer(mediaType)) {
            return Optional.empty();
        }
        String plain = decrypted(mediaType);
        if (plain.endsWith("+zstd")) {
            return Optional.of(Compression.ZSTD);
        }
        if (plain.endsWith("+gzip") || plain.endsWith(".gzip")) {
            return Optional.of(Compression.GZIP);
        }
        if (plain.endsWith(".tar")) {
            return Optional.of(Compression.NONE);
        }
        return Optional.empty();
    }

    /** Layer compression as the media type declares it. */
    public enum Compression {
        NONE, GZIP, ZSTD
    }
}
