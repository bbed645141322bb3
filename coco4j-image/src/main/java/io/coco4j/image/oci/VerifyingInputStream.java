package io.coco4j.image.oci;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Passes a blob through while hashing it, and fails at end of stream when the content does not
 * match the descriptor's digest and size. Reading past the declared size fails at once, so a
 * hostile source cannot make a consumer read without bound.
 */
public final class VerifyingInputStream extends FilterInputStream {

    private final Descriptor expected;
    private final MessageDigest md;
    private long count;
    private boolean verified;

    public VerifyingInputStream(InputStream in, Descriptor expected) {
        super(in);
        this.expected = expected;
        this.md = expected.digest().newMessageDigest();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long remaining = expected.size() - count;
        // one byte past the declared size is enough to prove an overrun
        int n = in.read(b, off, (int) Math.min(len, remaining + 1));
        if (n < 0) {
            verify();
            return -1;
        }
        count += n;
        if (count > expected.size()) {
            throw new DigestMismatchException("blob " + expected.digest().shortForm() + " is longer than its declared "
                    + expected.size() + " bytes");
        }
        md.update(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads whatever is left and verifies; for consumers that may stop before the end. */
    public void drainAndVerify() throws IOException {
        byte[] scratch = new byte[64 * 1024];
        while (read(scratch, 0, scratch.length) >= 0) {
            // hashing happens in read
        }
    }

    public long bytesRead() {
        return count;
    }

    private void verify() throws DigestMismatchException {
        if (verified) {
            return;
        }
        if (count != expected.size()) {
            throw new DigestMismatchException("blob " + expected.digest().shortForm() + " is truncated: " + count + " of "
                    + expected.size() + " bytes");
        }
        Digest actual = Digest.of(expected.digest().algorithm(), md);
        if (!actual.equals(expected.digest())) {
            throw new DigestMismatchException("blob content does not match its digest " + expected.digest() + " (got " + actual + ")");
        }
        verified = true;
    }
}
