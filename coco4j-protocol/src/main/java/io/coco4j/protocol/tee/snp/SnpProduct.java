package io.coco4j.protocol.tee.snp;

import java.util.Arrays;
import java.util.Optional;

/**
 * AMD EPYC generations that run SEV-SNP guests. The KDS name is the path segment of AMD's key
 * distribution service and of the collateral directory; the TCB layout differs from Turin on.
 */
public enum SnpProduct {
    MILAN("Milan"),
    GENOA("Genoa"),
    TURIN("Turin");

    private final String kdsName;

    SnpProduct(String kdsName) {
        this.kdsName = kdsName;
    }

    public String kdsName() {
        return kdsName;
    }

    /** Turin and later store an FMC SPL and order the TCB fields differently. */
    public boolean hasFmc() {
        return this == TURIN;
    }

    /**
     * The generation from the report's CPUID family and model (report version 3 and later):
     * family 0x19 models 0x00–0x0F Milan, 0x10–0x1F and 0xA0–0xAF Genoa; family 0x1A models 0x00–0x11 Turin.
     */
    public static Optional<SnpProduct> fromCpuid(int family, int model) {
        if (family == 0x19) {
            if (model <= 0x0F) {
                return Optional.of(MILAN);
            }
            if ((model >= 0x10 && model <= 0x1F) || (model >= 0xA0 && model <= 0xAF)) {
                return Optional.of(GENOA);
            }
        } else if (family == 0x1A && model <= 0x11) {
            return Optional.of(TURIN);
        }
        return Optional.empty();
    }

    /**
     * The generation named by a VCEK/VLEK {@code productName} extension ("Milan-B0", "Genoa", "Turin")
     * or by a KDS path segment; the stepping suffix is ignored.
     */
    public static Optional<SnpProduct> fromName(String name) {
        String base = name.contains("-") ? name.substring(0, name.indexOf('-')) : name;
        return Arrays.stream(values()).filter(p -> p.kdsName.equalsIgnoreCase(base)).findFirst();
    }

    @Override
    public String toString() {
        return kdsName;
    }
}
