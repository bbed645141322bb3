package io.coco4j.protocol.tee.dcap;

import java.util.Arrays;

/**
 * The offsets of a structure's fields, computed once from the declaration order and sizes of its
 * field enum, so that every layout is written down in one place only.
 *
 * @param <F> the structure's field enum
 */
public final class StructLayout<F extends Enum<F> & StructField> {

    private final int[] offsets;
    private final int size;

    private StructLayout(Class<F> fields) {
        F[] constants = fields.getEnumConstants();
        offsets = new int[constants.length];
        int offset = 0;
        for (F field : constants) {
            offsets[field.ordinal()] = offset;
            offset += field.size();
        }
        size = offset;
    }

    public static <F extends Enum<F> & StructField> StructLayout<F> of(Class<F> fields) {
        return new StructLayout<>(fields);
    }

    /** Offset of {@code field} from the start of the structure. */
    public int offset(F field) {
        return offsets[field.ordinal()];
    }

    /** Size of the whole structure (all fields). */
    public int size() {
        return size;
    }

    /** A copy of {@code field} read from a structure that starts at {@code base} in {@code data}. */
    public byte[] read(byte[] data, int base, F field) {
        int from = base + offset(field);
        return Arrays.copyOfRange(data, from, from + field.size());
    }

    /** Writes {@code value} into {@code field} of a structure that starts at {@code base} in {@code target}. */
    public void write(byte[] target, int base, F field, byte[] value) {
        if (value.length != field.size()) {
            throw new IllegalArgumentException(field + " takes " + field.size() + " bytes, not " + value.length);
        }
        System.arraycopy(value, 0, target, base + offset(field), value.length);
    }

    /** Little-endian unsigned value of a field of at most 8 bytes. */
    public long readUnsigned(byte[] data, int base, F field) {
        int from = base + offset(field);
        long value = 0;
        for (int i = field.size() - 1; i >= 0; i--) {
            value = (value << 8) | (data[from + i] & 0xFF);
        }
        return value;
    }
}
