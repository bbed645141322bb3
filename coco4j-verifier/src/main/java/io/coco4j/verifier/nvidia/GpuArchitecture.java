package io.coco4j.verifier.nvidia;

import java.util.Arrays;

/** The GPU architectures whose reports this verifier knows how to check. */
public enum GpuArchitecture {
    /** H100/H200: SPDM 1.1 GET_MEASUREMENTS, ECDSA P-384, FWID in the signing certificate's DICE extension. */
    HOPPER("Hopper");

    private final String wireName;

    GpuArchitecture(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static GpuArchitecture parse(String name) throws UnsupportedGpuArchitectureException {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(name)).findFirst()
                .orElseThrow(() -> new UnsupportedGpuArchitectureException("GPU architecture '" + name
                        + "' is not supported (Hopper)"));
    }
}
