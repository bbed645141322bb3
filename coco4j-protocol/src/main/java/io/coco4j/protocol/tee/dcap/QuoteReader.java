package io.coco4j.protocol.tee.dcap;

import java.util.Arrays;

/** A bounds-checked little-endian cursor; running past the end is a {@link QuoteTruncatedException}. */
final class QuoteReader {

    private final byte[] data;
    private final int limit;
    private int position;

    QuoteReader(byte[] data, int from, int limit) {
        this.data = data;
        this.position = from;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    int remaining() {
        return limit - position;
    }

    private void need(long count, String what) throws QuoteTruncatedException {
        if (count < 0 || count > limit - position) {
            throw new QuoteTruncatedException(what + " needs " + count + " bytes at offset " + position
                    + " but only " + (limit - position) + " remain");
        }
    }

    int u16(String what) throws QuoteTruncatedException {
        need(2, what);
        int value = (data[position] & 0xFF) | (data[position + 1] & 0xFF) << 8;
        position += 2;
        return value;
    }

    long u32(String what) throws QuoteTruncatedException {
        need(4, what);
        long value = (data[position] & 0xFFL) | (data[position + 1] & 0xFFL) << 8
                | (data[position + 2] & 0xFFL) << 16 | (data[position + 3] & 0xFFL) << 24;
        position += 4;
        return value;
    }

    byte[] bytes(long count, String what) throws QuoteTruncatedException {
        need(count, what);
        byte[] out = Arrays.copyOfRange(data, position, position + (int) count);
        position += (int) count;
        return out;
    }

    /** A reader over the next {@code count} bytes; this reader moves past them. */
    QuoteReader slice(long count, String what) throws QuoteTruncatedException {
        need(count, what);
        QuoteReader inner = new QuoteReader(data, position, position + (int) count);
        position += (int) count;
        return inner;
    }
}
