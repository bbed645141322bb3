package io.coco4j.image.unpack;

/**
 * Bounds on what one layer may expand to. A gzip stream of zeros expands about 1000:1, so a small
 * hostile layer could otherwise fill the guest's memory-backed disk.
 *
 * @param maxExpandedBytes      largest uncompressed tar stream accepted
 * @param maxRatio              largest expanded/compressed ratio accepted once {@code ratioGraceBytes} have expanded
 * @param ratioGraceBytes       expansion allowed before the ratio is enforced (small highly-compressible layers are fine)
 * @param maxEntries            most tar entries accepted
 */
public record UnpackLimits(long maxExpandedBytes, long maxRatio, long ratioGraceBytes, long maxEntries) {

    /** 32 GiB expanded, 200:1 past the first 256 MiB, a million entries. */
    public static final UnpackLimits DEFAULT = new UnpackLimits(32L << 30, 200, 256L << 20, 1_000_000);

    public UnpackLimits {
        if (maxExpandedBytes <= 0 || maxRatio <= 0 || ratioGraceBytes < 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("unpack limits must be positive");
        }
    }
}
