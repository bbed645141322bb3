package io.coco4j.protocol.tee.dcap;

import java.io.ByteArrayOutputStream;

/** Little-endian output for quote serialisation. */
final class QuoteWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    QuoteWriter u16(int value) {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
        return this;
    }

    QuoteWriter u32(long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
        return this;
    }

    QuoteWriter bytes(byte[] value) {
        out.write(value, 0, value.length);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
