package io.coco4j.protocol.tee.snp;

import java.util.Optional;

/** CPUID family, model and stepping of the reporting processor (report version 3 and later). */
public record Cpuid(int family, int model, int stepping) {

    public Cpuid {
        if ((family | model | stepping) < 0 || family > 0xFF || model > 0xFF || stepping > 0xFF) {
            throw new IllegalArgumentException("CPUID fields are single bytes");
        }
    }

    public Optional<SnpProduct> product() {
        return SnpProduct.fromCpuid(family, model);
    }
}
