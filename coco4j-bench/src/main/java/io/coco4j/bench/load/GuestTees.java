package io.coco4j.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The TEEs the load generator can simulate, by wire name. */
public final class GuestTees {

    /** Names accepted by {@link #create}. */
    public static final List<String> NAMES = List.of("sample", "snp", "tdx");

    private GuestTees() {
    }

    /**
     * Whether a KBS started elsewhere can accept the named TEE's evidence: only the sample TEE's, since
     * {@code snp} and {@code tdx} evidence is signed by a chain generated for the run.
     */
    public static boolean verifiableElsewhere(String name) {
        return name.equalsIgnoreCase("sample");
    }

    /**
     * The named TEE; {@code snp} and {@code tdx} generate their vendor chain now ({@code workDir}
     * receives TDX collateral).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static GuestTee create(String name, Path workDir) throws IOException {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "sample":
                return new SampleGuestTee();
            case "snp":
                try {
                    return SnpGuestTee.generate();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot generate the SNP test chain: " + e.getMessage(), e);
                }
            case "tdx":
                return TdxGuestTee.generate(workDir.resolve("tdx-collateral"));
            default:
                throw new IllegalArgumentException("unknown TEE '" + name + "' (one of " + String.join(", ", NAMES) + ")");
        }
    }
}
