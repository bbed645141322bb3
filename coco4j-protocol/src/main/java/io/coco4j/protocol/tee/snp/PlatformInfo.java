package io.coco4j.protocol.tee.snp;

/** The platform state at report time (64-bit field PLATFORM_INFO). */
public record PlatformInfo(long raw) {

    public static final int SMT_EN_BIT = 0;
    public static final int TSME_EN_BIT = 1;
    public static final int ECC_EN_BIT = 2;
    public static final int RAPL_DIS_BIT = 3;
    public static final int CIPHERTEXT_HIDING_EN_BIT = 4;
    public static final int ALIAS_CHECK_COMPLETE_BIT = 5;
    public static final int TIO_EN_BIT = 7;

    public boolean smtEnabled() {
        return bit(SMT_EN_BIT);
    }

    public boolean tsmeEnabled() {
        return bit(TSME_EN_BIT);
    }

    public boolean eccEnabled() {
        return bit(ECC_EN_BIT);
    }

    public boolean raplDisabled() {
        return bit(RAPL_DIS_BIT);
    }

    public boolean ciphertextHidingEnabled() {
        return bit(CIPHERTEXT_HIDING_EN_BIT);
    }

    public boolean aliasCheckComplete() {
        return bit(ALIAS_CHECK_COMPLETE_BIT);
    }

    public boolean tioEnabled() {
        return bit(TIO_EN_BIT);
    }

    private boolean bit(int n) {
        return ((raw >>> n) & 1) == 1;
    }
}
