package io.coco4j.protocol.tee.snp;

/** The kinds of entries in an extended report's certificate table (the reference's {@code cert_type} names). */
public enum SnpCertType {
    ARK, ASK, ASVK, VCEK, VLEK, CRL, OTHER;

    /** The serde name; unknown names (and GUID-keyed entries) map to {@link #OTHER}. */
    public static SnpCertType fromWireName(String name) {
        for (SnpCertType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return OTHER;
    }
}
