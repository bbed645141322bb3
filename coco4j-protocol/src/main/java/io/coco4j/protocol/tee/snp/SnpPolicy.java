package io.coco4j.protocol.tee.snp;

/** The guest policy the owner fixed at launch (64-bit field POLICY). */
public record SnpPolicy(long raw) {

    public static final int SMT_BIT = 16;
    public static final int RESERVED_MUST_BE_ONE_BIT = 17;
    public static final int MIGRATE_MA_BIT = 18;
    public static final int DEBUG_BIT = 19;
    public static final int SINGLE_SOCKET_BIT = 20;
    public static final int CXL_ALLOW_BIT = 21;
    public static final int MEM_AES_256_XTS_BIT = 22;
    public static final int RAPL_DIS_BIT = 23;
    public static final int CIPHERTEXT_HIDING_BIT = 24;
    public static final int PAGE_SWAP_DISABLE_BIT = 25;

    public int abiMinor() {
        return (int) (raw & 0xFF);
    }

    public int abiMajor() {
        return (int) ((raw >>> 8) & 0xFF);
    }

    public boolean smtAllowed() {
        return bit(SMT_BIT);
    }

    public boolean migrateMaAllowed() {
        return bit(MIGRATE_MA_BIT);
    }

    public boolean debugAllowed() {
        return bit(DEBUG_BIT);
    }

    public boolean singleSocketRequired() {
        return bit(SINGLE_SOCKET_BIT);
    }

    public boolean cxlAllowed() {
        return bit(CXL_ALLOW_BIT);
    }

    public boolean memAes256Xts() {
        return bit(MEM_AES_256_XTS_BIT);
    }

    public boolean raplDisabled() {
        return bit(RAPL_DIS_BIT);
    }

    public boolean ciphertextHiding() {
        return bit(CIPHERTEXT_HIDING_BIT);
    }

    public boolean pageSwapDisabled() {
        return bit(PAGE_SWAP_DISABLE_BIT);
    }

    private boolean bit(int n) {
        return ((raw >>> n) & 1) == 1;
    }
}
