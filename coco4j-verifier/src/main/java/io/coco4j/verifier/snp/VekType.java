package io.coco4j.verifier.snp;

/** The two kinds of versioned endorsement key: per chip (VCEK, under the ASK) or per cloud provider (VLEK, under the ASVK). */
public enum VekType {
    VCEK("vcek", "SEV-"),
    VLEK("vlek", "SEV-VLEK-");

    private final String kdsSegment;
    private final String issuerPrefix;

    VekType(String kdsSegment, String issuerPrefix) {
        this.kdsSegment = kdsSegment;
        this.issuerPrefix = issuerPrefix;
    }

    /** The first path segment of AMD's key server and of the collateral directory ({@code vcek}, {@code vlek}). */
    public String kdsSegment() {
        return kdsSegment;
    }

    /** Prefix of the intermediate's common name: {@code SEV-Milan} (ASK) or {@code SEV-VLEK-Milan} (ASVK). */
    String issuerPrefix() {
        return issuerPrefix;
    }
}
