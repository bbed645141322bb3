package io.coco4j.image.pull;

import io.coco4j.image.oci.Digest;

import java.nio.file.Path;

/** A pulled image: the digest of the (platform) manifest that was unpacked, and where its rootfs is. */
public record PulledImage(Digest manifestDigest, Path rootfs, int layers) {
}
