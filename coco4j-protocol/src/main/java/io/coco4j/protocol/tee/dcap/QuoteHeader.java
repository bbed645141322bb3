package io.coco4j.protocol.tee.dcap;

import java.util.Arrays;

/**
 * The 48-byte quote header shared by SGX quote v3 and TDX quote v4/v5. In v3 the TEE type is
 * {@code att_key_data_0} and the reserved word holds {@code qe_svn} and {@code pce_svn}.
 */
public final class QuoteHeader {

    /** Header fields in wire order. */
    public enum Field implements StructField {
        VERSION(2),
        ATTESTATION_KEY_TYPE(2),
        TEE_TYPE(4),
        RESERVED(4),
        QE_VENDOR_ID(16),
        USER_DATA(20);

        private final int size;

        Field(int size) {
            this.size = size;
        }

        @Override
        public int size() {
            return size;
        }
    }

    public static final StructLayout<Field> LAYOUT = StructLayout.of(Field.class);

    /** ECDSA-256 with P-256, the only attestation key type the DCAP QE produces. */
    public static final int ATTESTATION_KEY_ECDSA_P256 = 2;

    private final byte[] raw;

    private QuoteHeader(byte[] raw) {
        this.raw = raw;
    }

    /** A header from its 48 bytes. */
    public static QuoteHeader of(byte[] raw) {
        if (raw.length != LAYOUT.size()) {
            throw new IllegalArgumentException("a quote header is " + LAYOUT.size() + " bytes, not " + raw.length);
        }
        return new QuoteHeader(raw.clone());
    }

    /** A header with the given version and TEE, ECDSA-P256 attestation key, and the given vendor and user data. */
    public static QuoteHeader create(int version, TeeType teeType, byte[] reserved, byte[] qeVendorId, byte[] userData) {
        byte[] raw = new byte[LAYOUT.size()];
        LAYOUT.write(raw, 0, Field.VERSION, le(version, 2));
        LAYOUT.write(raw, 0, Field.ATTESTATION_KEY_TYPE, le(ATTESTATION_KEY_ECDSA_P256, 2));
        LAYOUT.write(raw, 0, Field.TEE_TYPE, le(teeType.value(), 4));
        LAYOUT.write(raw, 0, Field.RESERVED, reserved);
        LAYOUT.write(raw, 0, Field.QE_VENDOR_ID, qeVendorId);
        LAYOUT.write(raw, 0, Field.USER_DATA, userData);
        return new QuoteHeader(raw);
    }

    static byte[] le(long value, int size) {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    public int version() {
        return (int) LAYOUT.readUnsigned(raw, 0, Field.VERSION);
    }

    public int attestationKeyType() {
        return (int) LAYOUT.readUnsigned(raw, 0, Field.ATTESTATION_KEY_TYPE);
    }

    /** The raw TEE type word (little-endian {@code 0x81} for TDX, 0 for SGX). */
    public long teeTypeValue() {
        return LAYOUT.readUnsigned(raw, 0, Field.TEE_TYPE);
    }

    public byte[] field(Field field) {
        return LAYOUT.read(raw, 0, field);
    }

    /** SGX v3: the QE's ISV SVN (first half of the reserved word). */
    public int qeSvn() {
        int base = LAYOUT.offset(Field.RESERVED);
        return (raw[base] & 0xFF) | (raw[base + 1] & 0xFF) << 8;
    }

    /** SGX v3: the PCE's ISV SVN (second half of the reserved word). */
    public int pceSvn() {
        int base = LAYOUT.offset(Field.RESERVED) + 2;
        return (raw[base] & 0xFF) | (raw[base + 1] & 0xFF) << 8;
    }

    public byte[] qeVendorId() {
        return field(Field.QE_VENDOR_ID);
    }

    /** The 48 header bytes. */
    public byte[] bytes() {
        return raw.clone();
    }

    void writeTo(QuoteWriter out) {
        out.bytes(raw);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QuoteHeader other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }
}
