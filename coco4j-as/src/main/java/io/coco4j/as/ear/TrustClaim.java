package io.coco4j.as.ear;

import java.util.Arrays;
import java.util.Optional;

/** The eight AR4SI trustworthiness claims of an EAR appraisal, in the order the EAR library serialises them. */
public enum TrustClaim {
    INSTANCE_IDENTITY("instance-identity"),
    CONFIGURATION("configuration"),
    EXECUTABLES("executables"),
    FILE_SYSTEM("file-system"),
    HARDWARE("hardware"),
    RUNTIME_OPAQUE("runtime-opaque"),
    STORAGE_OPAQUE("storage-opaque"),
    SOURCED_DATA("sourced-data");

    private final String wireName;

    TrustClaim(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<TrustClaim> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
