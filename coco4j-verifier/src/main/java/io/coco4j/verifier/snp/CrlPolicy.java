package io.coco4j.verifier.snp;

/** Whether AMD's CRLs are consulted. */
public enum CrlPolicy {
    /** Never consult a CRL. */
    IGNORE,
    /** Apply the product's CRL when the collateral source has one (the default). */
    IF_PRESENT,
    /** Refuse evidence when no CRL is available for the product. */
    REQUIRE
}
