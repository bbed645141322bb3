package io.coco4j.verifier.snp;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.tee.snp.SnpProduct;
import io.coco4j.protocol.tee.snp.TcbVersion;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How an SNP verifier finds collateral and what it accepts.
 *
 * @param collateralDirectory the offline collateral (VCEKs, chains, CRLs); see docs/collateral-snp.md
 * @param kdsFallback         AMD's key server (or a cache of it) to ask when the directory has nothing; empty: offline only
 * @param minimumTcb          per product, the lowest {@code reported_tcb} accepted (each component)
 * @param maxVmpl             the highest VMPL a report may come from; 0 is the reference's rule
 * @param crlPolicy           whether CRLs are consulted
 * @param arkPins             the trusted roots; {@link ArkPins#amd()} outside tests
 * @param chainCacheSize      verified chains kept in memory
 */
public record SnpVerifierSettings(Optional<Path> collateralDirectory, Optional<URI> kdsFallback, Map<SnpProduct, TcbVersion> minimumTcb,
                                  int maxVmpl, CrlPolicy crlPolicy, ArkPins arkPins, int chainCacheSize) {

    public SnpVerifierSettings {
        minimumTcb = Collections.unmodifiableMap(minimumTcb.isEmpty() ? new EnumMap<>(SnpProduct.class) : new EnumMap<>(minimumTcb));
        if (maxVmpl < 0 || maxVmpl > 3) {
            throw new IllegalArgumentException("maxVmpl must be 0 to 3");
        }
        if (chainCacheSize < 1) {
            throw new IllegalArgumentException("chainCacheSize must be positive");
        }
    }

    /** Offline only, no collateral directory, VMPL 0, CRL when present, AMD's roots. */
    public static SnpVerifierSettings defaults() {
        return new SnpVerifierSettings(Optional.empty(), Optional.empty(), Map.of(), 0, CrlPolicy.IF_PRESENT, ArkPins.amd(), 1024);
    }

    /**
     * From the reference's {@code verifier_config.snp_verifier} (or the whole {@code verifier_config}):
     * {@code {"vcek_sources": [{"type": "OfflineStore", "path": …}, {"type": "KDS", "base_url": …}]}}.
     * An {@code OfflineStore} becomes the collateral directory, a {@code KDS} the online fallback.
     * Without {@code vcek_sources} the reference asks AMD's key server, and so does this. coco4j adds
     * {@code minimum_tcb}, see {@link #withMinimumTcbs(JsonNode)}.
     */
    public static SnpVerifierSettings fromReferenceConfig(JsonNode config) {
        JsonNode snp = config == null ? null : (config.has("snp_verifier") ? config.get("snp_verifier") : config);
        SnpVerifierSettings settings = defaults().withMinimumTcbs(snp == null ? null : snp.get("minimum_tcb"));
        JsonNode sources = snp == null ? null : snp.get("vcek_sources");
        if (sources == null || sources.isNull()) {
            return settings.withKdsFallback(KdsClient.AMD_KDS);
        }
        if (!sources.isArray()) {
            throw new IllegalArgumentException("snp_verifier.vcek_sources must be an array");
        }
        for (JsonNode source : sources) {
            String type = source.path("type").asText("");
            switch (type) {
                case "OfflineStore" -> {
                    String path = source.path("path").asText("");
                    if (path.isEmpty()) {
                        throw new IllegalArgumentException("OfflineStore vcek source needs a path");
                    }
                    if (settings.collateralDirectory.isEmpty()) {
                        settings = settings.withCollateralDirectory(Path.of(path));
                    }
                }
                case "KDS" -> {
                    String base = source.path("base_url").asText(KdsClient.AMD_KDS.toString());
                    if (settings.kdsFallback.isEmpty()) {
                        settings = settings.withKdsFallback(URI.create(base));
                    }
                }
                default -> throw new IllegalArgumentException("unknown vcek source type '" + type + "' (OfflineStore or KDS)");
            }
        }
        return settings;
    }

    public SnpVerifierSettings withCollateralDirectory(Path dir) {
        return new SnpVerifierSettings(Optional.of(dir), kdsFallback, minimumTcb, maxVmpl, crlPolicy, arkPins, chainCacheSize);
    }

    public SnpVerifierSettings withKdsFallback(URI base) {
        return new SnpVerifierSettings(collateralDirectory, Optional.ofNullable(base), minimumTcb, maxVmpl, crlPolicy, arkPins, chainCacheSize);
    }

    public SnpVerifierSettings withoutKdsFallback() {
        return withKdsFallback(null);
    }

    public SnpVerifierSettings withMinimumTcb(SnpProduct product, TcbVersion minimum) {
        Map<SnpProduct, TcbVersion> map = new EnumMap<>(SnpProduct.class);
        map.putAll(minimumTcb);
        map.put(product, minimum);
        return new SnpVerifierSettings(collateralDirectory, kdsFallback, map, maxVmpl, crlPolicy, arkPins, chainCacheSize);
    }

    /**
     * Minimums from {@code minimum_tcb}, one table per product:
     * {@code {"Milan": {"bootloader": 3, "tee": 0, "snp": 14, "microcode": 115}, "Turin": {"fmc": 1, …}}}.
     * Every component must be given (except {@code fmc}, Turin only); anything else is an error.
     */
    public SnpVerifierSettings withMinimumTcbs(JsonNode minimums) {
        if (minimums == null || minimums.isNull()) {
            return this;
        }
        if (!minimums.isObject()) {
            throw new IllegalArgumentException("snp_verifier.minimum_tcb must be a table per product (Milan, Genoa, Turin)");
        }
        SnpVerifierSettings settings = this;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) minimums::fields) {
            String name = entry.getKey();
            SnpProduct product = SnpProduct.fromName(name).filter(p -> p.kdsName().equals(name)).orElseThrow(() ->
                    new IllegalArgumentException("snp_verifier.minimum_tcb." + name + ": unknown product (Milan, Genoa or Turin)"));
            settings = settings.withMinimumTcb(product, minimumTcb("snp_verifier.minimum_tcb." + name, product, entry.getValue()));
        }
        return settings;
    }

    private static TcbVersion minimumTcb(String path, SnpProduct product, JsonNode table) {
        if (!table.isObject()) {
            throw new IllegalArgumentException(path + " must be a table {bootloader, tee, snp, microcode" + (product == SnpProduct.TURIN ? ", fmc}" : "}"));
        }
        for (var names = table.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            boolean known = java.util.Set.of("bootloader", "tee", "snp", "microcode").contains(name) || (name.equals("fmc") && product == SnpProduct.TURIN);
            if (!known) {
                throw new IllegalArgumentException(path + "." + name + " is not a TCB component of " + product);
            }
        }
        int bootloader = component(path, table, "bootloader");
        int tee = component(path, table, "tee");
        int snp = component(path, table, "snp");
        int microcode = component(path, table, "microcode");
        return table.has("fmc") ? TcbVersion.turin(component(path, table, "fmc"), bootloader, tee, snp, microcode)
                : TcbVersion.of(bootloader, tee, snp, microcode);
    }

    private static int component(String path, JsonNode table, String name) {
        JsonNode value = table.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 255) {
            throw new IllegalArgumentException(path + "." + name + " must be an integer from 0 to 255");
        }
        return value.asInt();
    }

    public SnpVerifierSettings withMaxVmpl(int vmpl) {
        return new SnpVerifierSettings(collateralDirectory, kdsFallback, minimumTcb, vmpl, crlPolicy, arkPins, chainCacheSize);
    }

    public SnpVerifierSettings withCrlPolicy(CrlPolicy policy) {
        return new SnpVerifierSettings(collateralDirectory, kdsFallback, minimumTcb, maxVmpl, policy, arkPins, chainCacheSize);
    }

    /** Replaces the trusted roots; anything but {@link ArkPins#amd()} is for tests and private roots only. */
    public SnpVerifierSettings withArkPins(ArkPins pins) {
        return new SnpVerifierSettings(collateralDirectory, kdsFallback, minimumTcb, maxVmpl, crlPolicy, pins, chainCacheSize);
    }

    public SnpVerifierSettings withChainCacheSize(int size) {
        return new SnpVerifierSettings(collateralDirectory, kdsFallback, minimumTcb, maxVmpl, crlPolicy, arkPins, size);
    }
}
