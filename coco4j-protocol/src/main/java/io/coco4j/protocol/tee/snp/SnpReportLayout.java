package io.coco4j.protocol.tee.snp;

/**
 * Byte offsets of the ATTESTATION_REPORT structure, named as in AMD's SEV-SNP firmware ABI
 * specification (table "ATTESTATION_REPORT Structure"). All integers are little-endian.
 */
public final class SnpReportLayout {

    private SnpReportLayout() {
    }

    public static final int VERSION = 0x000;
    public static final int GUEST_SVN = 0x004;
    public static final int POLICY = 0x008;
    public static final int FAMILY_ID = 0x010;
    public static final int IMAGE_ID = 0x020;
    public static final int VMPL = 0x030;
    public static final int SIGNATURE_ALGO = 0x034;
    public static final int CURRENT_TCB = 0x038;
    public static final int PLATFORM_INFO = 0x040;
    /** AUTHOR_KEY_EN (bit 0), MASK_CHIP_KEY (bit 1), SIGNING_KEY (bits 4:2). */
    public static final int KEY_INFO = 0x048;
    public static final int REPORT_DATA = 0x050;
    public static final int MEASUREMENT = 0x090;
    public static final int HOST_DATA = 0x0C0;
    public static final int ID_KEY_DIGEST = 0x0E0;
    public static final int AUTHOR_KEY_DIGEST = 0x110;
    public static final int REPORT_ID = 0x140;
    public static final int REPORT_ID_MA = 0x160;
    public static final int REPORTED_TCB = 0x180;
    /** Version 3 and later. */
    public static final int CPUID_FAM_ID = 0x188;
    public static final int CPUID_MOD_ID = 0x189;
    public static final int CPUID_STEP = 0x18A;
    public static final int CHIP_ID = 0x1A0;
    public static final int COMMITTED_TCB = 0x1E0;
    public static final int CURRENT_BUILD = 0x1E8;
    public static final int CURRENT_MINOR = 0x1E9;
    public static final int CURRENT_MAJOR = 0x1EA;
    public static final int COMMITTED_BUILD = 0x1EC;
    public static final int COMMITTED_MINOR = 0x1ED;
    public static final int COMMITTED_MAJOR = 0x1EE;
    public static final int LAUNCH_TCB = 0x1F0;
    /** Version 5 and later. */
    public static final int LAUNCH_MIT_VECTOR = 0x1F8;
    public static final int CURRENT_MIT_VECTOR = 0x200;
    public static final int SIGNATURE = 0x2A0;
    public static final int SIGNATURE_R = 0x2A0;
    public static final int SIGNATURE_S = 0x2E8;

    /** The signature covers bytes [0, SIGNED_LENGTH). */
    public static final int SIGNED_LENGTH = SIGNATURE;
    public static final int REPORT_LENGTH = 0x4A0;

    public static final int FAMILY_ID_LENGTH = 16;
    public static final int IMAGE_ID_LENGTH = 16;
    public static final int REPORT_DATA_LENGTH = 64;
    public static final int MEASUREMENT_LENGTH = 48;
    public static final int HOST_DATA_LENGTH = 32;
    public static final int ID_KEY_DIGEST_LENGTH = 48;
    public static final int AUTHOR_KEY_DIGEST_LENGTH = 48;
    public static final int REPORT_ID_LENGTH = 32;
    public static final int CHIP_ID_LENGTH = 64;
    /** r and s are each stored little-endian in 72 bytes (P-384 needs 48; the rest is zero). */
    public static final int SIGNATURE_COMPONENT_LENGTH = 72;

    public static final int MIN_VERSION = 2;
    public static final int MAX_VERSION = 5;
}
