package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.azure.AzSnpVtpmVerifier;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The verifiers a KBS's built-in AS runs, from {@code [attestation_service.verifier_config]}: the
 * reference's keys ({@code snp_verifier}, …). Collateral comes from the data directory's
 * {@code collateral/} folder unless the configuration names another source, so no vendor service
 * is on the verification path by default.
 */
final class Verifiers {

    private Verifiers() {
    }

    static VerifierRegistry create(ServerMode mode, Optional<JsonNode> verifierConfig, DataDirectory data, Clock clock) {
        VerifierRegistry.Mode registryMode = mode == ServerMode.DEVELOPMENT ? VerifierRegistry.Mode.DEVELOPMENT : VerifierRegistry.Mode.PRODUCTION;
        VerifierRegistry.Builder builder = VerifierRegistry.builder(registryMode);
        if (registryMode == VerifierRegistry.Mode.DEVELOPMENT) {
            builder.add(new io.coco4j.verifier.sample.SampleVerifier()).add(new io.coco4j.verifier.sample.SampleDeviceVerifier());
        }
        SnpVerifierSettings snp = snpSettings(verifierConfig, data.root().resolve("collateral").resolve("snp"));
        builder.add(SnpVerifier.create(snp, clock)).add(AzSnpVtpmVerifier.create(snp, clock));
        return builder.build();
    }

    static SnpVerifierSettings snpSettings(Optional<JsonNode> verifierConfig, Path defaultCollateral) {
        SnpVerifierSettings settings = verifierConfig.filter(c -> c.has("snp_verifier"))
                .map(SnpVerifierSettings::fromReferenceConfig)
                .orElseGet(SnpVerifierSettings::defaults);
        return settings.collateralDirectory().isPresent() ? settings : settings.withCollateralDirectory(defaultCollateral);
    }
}
