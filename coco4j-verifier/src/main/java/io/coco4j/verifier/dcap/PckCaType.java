package io.coco4j.verifier.dcap;

import java.util.Locale;
import java.util.Optional;

/** The intermediate CA that issues a PCK certificate; it selects the PCK CRL ({@code ca=platform|processor}). */
public enum PckCaType {
    PLATFORM("Intel SGX PCK Platform CA"),
    PROCESSOR("Intel SGX PCK Processor CA");

    private final String commonName;

    PckCaType(String commonName) {
        this.commonName = commonName;
    }

    /** The CA certificate's common name. */
    public String commonName() {
        return commonName;
    }

    /** The PCS query value and file-name part: {@code platform} or {@code processor}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PckCaType> ofCommonName(String cn) {
        for (PckCaType type : values()) {
            if (type.commonName.equals(cn)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public static Optional<PckCaType> ofWireName(String name) {
        for (PckCaType type : values()) {
            if (type.wireName().equalsIgnoreCase(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
