package io.coco4j.guest.attester.tpm;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/** Big-endian TPM 2.0 marshalling: a writer for commands and a bounds-checked reader for responses. */
final class TpmBuffer {

    static final int HEADER_LENGTH = 10;

    private TpmBuffer() {
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer u8(int value) {
            out.write(value);
            return this;
        }

        Writer u16(int value) {
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        Writer u32(long value) {
            out.write((int) (value >>> 24));
            out.write((int) (value >>> 16));
            out.write((int) (value >>> 8));
            out.write((int) value);
            return this;
        }

        Writer bytes(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        /** A TPM2B: {@code u16} size, then the bytes. */
        Writer sized(byte[] value) {
            return u16(value.length).bytes(value);
        }

        int length() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Reads a response; running past its end is a malformed response, reported as such. */
    static final class Reader {
        private final ByteBuffer in;

        Reader(byte[] data) {
            this.in = ByteBuffer.wrap(data);
        }

        int u8() throws TpmException {
            try {
                return in.get() & 0xFF;
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        int u16() throws TpmException {
            try {
                return in.getShort() & 0xFFFF;
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        long u32() throws TpmException {
            try {
                return Integer.toUnsignedLong(in.getInt());
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        byte[] bytes(int length) throws TpmException {
            if (length < 0 || length > in.remaining()) {
                throw truncated();
            }
            byte[] out = new byte[length];
            in.get(out);
            return out;
        }

        byte[] sized() throws TpmException {
            return bytes(u16());
        }

        int position() {
            return in.position();
        }

        void position(int position) {
            in.position(position);
        }

        int remaining() {
            return in.remaining();
        }

        private static TpmException truncated() {
            return new TpmException("the TPM response is truncated");
        }
    }
}
