package io.coco4j.protocol.tee.dcap;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The 384-byte SGX report body: the body of an SGX quote and the Quoting Enclave's own report in
 * the certification data.
 */
public final class EnclaveReport implements ReportBody {

    /** Report body fields in wire order. */
    public enum Field implements StructField {
        CPU_SVN(16),
        MISC_SELECT(4),
        RESERVED_1(12),
        ISV_EXT_PROD_ID(16),
        ATTRIBUTES_FLAGS(8),
        ATTRIBUTES_XFRM(8),
        MR_ENCLAVE(32),
        RESERVED_2(32),
        MR_SIGNER(32),
        RESERVED_3(32),
        CONFIG_ID(64),
        ISV_PROD_ID(2),
        ISV_SVN(2),
        CONFIG_SVN(2),
        RESERVED_4(42),
        ISV_FAMILY_ID(16),
        REPORT_DATA(64);

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

    /** ATTRIBUTES.FLAGS bit 1: the enclave runs in debug mode and its memory is readable by the host. */
    public static final long FLAG_DEBUG = 0x02;

    private final byte[] raw;

    private EnclaveReport(byte[] raw) {
        this.raw = raw;
    }

    public static EnclaveReport of(byte[] raw) {
        if (raw.length != LAYOUT.size()) {
            throw new IllegalArgumentException("an SGX report body is " + LAYOUT.size() + " bytes, not " + raw.length);
        }
        return new EnclaveReport(raw.clone());
    }

    /** A report with the given fields set and every other field zero. */
    public static EnclaveReport create(Map<Field, byte[]> fields) {
        byte[] raw = new byte[LAYOUT.size()];
        fields.forEach((field, value) -> LAYOUT.write(raw, 0, field, value));
        return new EnclaveReport(raw);
    }

    /** Every field, for serialisation into claims. */
    public Map<Field, byte[]> fields() {
        Map<Field, byte[]> out = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            out.put(field, field(field));
        }
        return out;
    }

    public byte[] field(Field field) {
        return LAYOUT.read(raw, 0, field);
    }

    public byte[] cpuSvn() {
        return field(Field.CPU_SVN);
    }

    public long miscSelect() {
        return LAYOUT.readUnsigned(raw, 0, Field.MISC_SELECT);
    }

    /** FLAGS followed by XFRM, the 16 bytes QE identities mask. */
    public byte[] attributes() {
        return Arrays.copyOfRange(raw, LAYOUT.offset(Field.ATTRIBUTES_FLAGS), LAYOUT.offset(Field.MR_ENCLAVE));
    }

    public boolean debug() {
        return (LAYOUT.readUnsigned(raw, 0, Field.ATTRIBUTES_FLAGS) & FLAG_DEBUG) != 0;
    }

    public byte[] mrEnclave() {
        return field(Field.MR_ENCLAVE);
    }

    public byte[] mrSigner() {
        return field(Field.MR_SIGNER);
    }

    public byte[] configId() {
        return field(Field.CONFIG_ID);
    }

    public int isvProdId() {
        return (int) LAYOUT.readUnsigned(raw, 0, Field.ISV_PROD_ID);
    }

    public int isvSvn() {
        return (int) LAYOUT.readUnsigned(raw, 0, Field.ISV_SVN);
    }

    @Override
    public byte[] reportData() {
        return field(Field.REPORT_DATA);
    }

    @Override
    public byte[] bytes() {
        return raw.clone();
    }

    @Override
    public int bodyType() {
        return 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnclaveReport other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }
}
