package io.coco4j.as.ear;

/** EAR status tiers, from best to worst; an appraisal's status is the worst tier of its claims. */
public enum TrustTier {
    NONE("none"),
    AFFIRMING("affirming"),
    WARNING("warning"),
    CONTRAINDICATED("contraindicated");

    private final String wireName;

    TrustTier(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The tier of one claim value: |v| ≤ 1 none, −32..31 affirming, −96..95 warning, else contraindicated. */
    public static TrustTier of(int value) {
        if (value >= -1 && value <= 1) {
            return NONE;
        }
        if (value >= -32 && value < 32) {
            return AFFIRMING;
        }
        if (value >= -96 && value < 96) {
            return WARNING;
        }
        return CONTRAINDICATED;
    }

    public TrustTier worse(TrustTier other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
