package io.coco4j.protocol.tee.dcap;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * The TD report carried in a TDX quote ("TD quote body"): 584 bytes for TDX 1.0, 648 bytes for
 * TDX 1.5, which appends {@code TEE_TCB_SVN2} and {@code MRSERVICETD}.
 */
public final class TdReport implements ReportBody {

    /** TD quote body fields in wire order; the last two exist in TDX 1.5 bodies only. */
    public enum Field implements StructField {
        TEE_TCB_SVN(16),
        MR_SEAM(48),
        MR_SIGNER_SEAM(48),
        SEAM_ATTRIBUTES(8),
        TD_ATTRIBUTES(8),
        XFAM(8),
        MR_TD(48),
        MR_CONFIG_ID(48),
        MR_OWNER(48),
        MR_OWNER_CONFIG(48),
        RTMR_0(48),
        RTMR_1(48),
        RTMR_2(48),
        RTMR_3(48),
        REPORT_DATA(64),
        TEE_TCB_SVN_2(16),
        MR_SERVICE_TD(48);

        private final int size;

        Field(int size) {
            this.size = size;
        }

        @Override
        public int size() {
            return size;
        }

        /** Whether the field exists in a TDX 1.0 body. */
        public boolean inTdx10() {
            return this != TEE_TCB_SVN_2 && this != MR_SERVICE_TD;
        }
    }

    public static final StructLayout<Field> LAYOUT = StructLayout.of(Field.class);

    /** Size of a TDX 1.0 body. */
    public static final int TDX10_SIZE = LAYOUT.offset(Field.TEE_TCB_SVN_2);
    /** Size of a TDX 1.5 body. */
    public static final int TDX15_SIZE = LAYOUT.size();

    /** TD attribute bits named in the reference's claims. */
    public static final long ATTRIBUTE_DEBUG = 1L;
    public static final long ATTRIBUTE_SEPT_VE_DISABLE = 1L << 28;
    public static final long ATTRIBUTE_PROTECTION_KEYS = 1L << 30;
    public static final long ATTRIBUTE_KEY_LOCKER = 1L << 31;
    public static final long ATTRIBUTE_PERFMON = 1L << 63;

    private final byte[] raw;

    private TdReport(byte[] raw) {
        this.raw = raw;
    }

    /** A body of either size. */
    public static TdReport of(byte[] raw) {
        if (raw.length != TDX10_SIZE && raw.length != TDX15_SIZE) {
            throw new IllegalArgumentException("a TD quote body is " + TDX10_SIZE + " or " + TDX15_SIZE + " bytes, not " + raw.length);
        }
        return new TdReport(raw.clone());
    }

    /** A body with the given fields set and the rest zero; a TDX 1.5 body when {@code tdx15}. */
    public static TdReport create(boolean tdx15, Map<Field, byte[]> fields) {
        byte[] raw = new byte[tdx15 ? TDX15_SIZE : TDX10_SIZE];
        fields.forEach((field, value) -> {
            if (!tdx15 && !field.inTdx10()) {
                throw new IllegalArgumentException(field + " exists in TDX 1.5 bodies only");
            }
            LAYOUT.write(raw, 0, field, value);
        });
        return new TdReport(raw);
    }

    public boolean tdx15() {
        return raw.length == TDX15_SIZE;
    }

    /** The fields present in this body, for serialisation into claims. */
    public Map<Field, byte[]> fields() {
        Map<Field, byte[]> out = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            if (tdx15() || field.inTdx10()) {
                out.put(field, field(field));
            }
        }
        return out;
    }

    public byte[] field(Field field) {
        if (!tdx15() && !field.inTdx10()) {
            throw new IllegalArgumentException(field + " is not part of a TDX 1.0 body");
        }
        return LAYOUT.read(raw, 0, field);
    }

    public byte[] teeTcbSvn() {
        return field(Field.TEE_TCB_SVN);
    }

    public byte[] mrSignerSeam() {
        return field(Field.MR_SIGNER_SEAM);
    }

    public byte[] seamAttributes() {
        return field(Field.SEAM_ATTRIBUTES);
    }

    /** TDATTRIBUTES as a little-endian 64-bit value. */
    public long tdAttributes() {
        return LAYOUT.readUnsigned(raw, 0, Field.TD_ATTRIBUTES);
    }

    public boolean debug() {
        return (tdAttributes() & ATTRIBUTE_DEBUG) != 0;
    }

    public byte[] mrConfigId() {
        return field(Field.MR_CONFIG_ID);
    }

    /** RTMR {@code index} (0–3). */
    public byte[] rtmr(int index) {
        return field(switch (index) {
            case 0 -> Field.RTMR_0;
            case 1 -> Field.RTMR_1;
            case 2 -> Field.RTMR_2;
            case 3 -> Field.RTMR_3;
            default -> throw new IllegalArgumentException("RTMR index " + index + " is not 0-3");
        });
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
        return tdx15() ? 3 : 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TdReport other && Arrays.equals(raw, other.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }
}
