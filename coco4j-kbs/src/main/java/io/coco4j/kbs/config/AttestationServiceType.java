package io.coco4j.kbs.config;

import java.util.Optional;

/** {@code [attestation_service] type}: which attestation service the RCAR handshake uses. */
public enum AttestationServiceType {
    COCO_AS_BUILTIN("coco_as_builtin", "CoCoASBuiltIn"),
    COCO_AS_GRPC("coco_as_grpc", "CoCoASGrpc"),
    INTEL_TA("intel_ta", "IntelTA");

    private final String configName;
    private final String variantName;

    AttestationServiceType(String configName, String variantName) {
        this.configName = configName;
        this.variantName = variantName;
    }

    public String configName() {
        return configName;
    }

    /** Accepts the documented snake-case name and the reference's variant name. */
    public static Optional<AttestationServiceType> parse(String text) {
        for (AttestationServiceType type : values()) {
            if (type.configName.equals(text) || type.variantName.equals(text)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
