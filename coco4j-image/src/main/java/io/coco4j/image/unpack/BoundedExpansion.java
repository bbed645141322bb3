package io.coco4j.image.unpack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes on both sides of a decompressor and stops the expansion at the limits, before
 * the bytes reach the disk.
 */
final class BoundedExpansion {

    private final UnpackLimits limits;
    private long compressed;
    private long expanded;

    BoundedExpansion(UnpackLimits limits) {
        this.limits = limits;
    }

    InputStream compressedSide(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    compressed++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    compressed += n;
                }
                return n;
            }
        };
    }

    InputStream expandedSide(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }
        };
    }

    private void count(int n) throws DecompressionBombException {
        expanded += n;
        if (expanded > limits.maxExpandedBytes()) {
            throw new DecompressionBombException("the layer expands beyond " + limits.maxExpandedBytes() + " bytes");
        }
        if (expanded > limits.ratioGraceBytes() && compressed > 0 && expanded / compressed > limits.maxRatio()) {
            throw new DecompressionBombException("the layer expands more than " + limits.maxRatio() + ":1 (" + expanded
                    + " bytes from " + compressed + "): a decompression bomb");
        }
    }

    long expanded() {
        return expanded;
    }
}
