package io.coco4j.verifier.tpm;

import java.util.Arrays;

/** Big-endian cursor over a TPM 2.0 marshalled structure; every read is bounds-checked. */
final class TpmReader {

    private final byte[] data;
    private final String what;
    private int pos;

    TpmReader(byte[] data, String what) {
        this.data = data;
        this.what = what;
    }

    private void need(int n, String field) throws TpmFormatException {
        if (n < 0 || data.length - pos < n) {
            throw new TpmFormatException(what + " is truncated at " + field + " (offset " + pos + ")");
        }
    }

    int u8(String field) throws TpmFormatException {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    int u16(String field) throws TpmFormatException {
        need(2, field);
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    long u32(String field) throws TpmFormatException {
        need(4, field);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (data[pos + i] & 0xFF);
        }
        pos += 4;
        return v;
    }

    long u64(String field) throws TpmFormatException {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (data[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    byte[] bytes(int n, String field) throws TpmFormatException {
        need(n, field);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    /** A TPM2B: u16 size then that many bytes. */
    byte[] sized(String field) throws TpmFormatException {
        return bytes(u16(field + ".size"), field);
    }

    void end() throws TpmFormatException {
        if (pos != data.length) {
            throw new TpmFormatException(what + " has " + (data.length - pos) + " trailing bytes");
        }
    }
}
