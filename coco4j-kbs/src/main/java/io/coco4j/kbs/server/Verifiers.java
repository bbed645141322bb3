package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.verifier.VerifierRegistry;
import io.coco4j.verifier.azure.AzSnpVtpmVerifier;
import io.coco4j.verifier.azure.AzTdxVtpmVerifier;
import io.coco4j.verifier.dcap.DcapQuoteVerifier;
import io.coco4j.verifier.dcap.DcapSettings;
import io.coco4j.verifier.sgx.SgxVerifier;
import io.coco4j.verifier.tdx.TdxVerifier;
import io.coco4j.verifier.snp.SnpVerifier;
import io.coco4j.verifier.snp.SnpVerifierSettings;
import io.coco4j.verifier.cca.CcaVerifier;
import io.coco4j.verifier.cca.CcaVerifierSettings;
import io.coco4j.verifier.nvidia.NvidiaVerifier;
import io.coco4j.verifier.tpm.TpmVerifier;
import io.coco4j.verifier.tpm.TpmVerifierSettings;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The verifiers a KBS's built-in AS runs, from {@code [attestation_service.verifier_config]}: the
 * reference's keys ({@code snp_verifier}, {@code dcap_verifier}, {@code nvidia_verifier}, {@code tpm_verifier},
 * {@code cca_verifier}). Collateral comes from the data directory's {@code collateral/} folder unless the
 * configuration names another source, so no vendor service is on the verification path by default.
 * The NVIDIA verifier (local mode, pinned root) is always present; the TPM and CCA verifiers need
 * trust anchors only the operator can provide, so they exist only when their section is configured.
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
        // one DCAP verifier, so TDX, SGX and Azure TDX share its chain and collateral caches
        DcapQuoteVerifier dcap = DcapQuoteVerifier.create(dcapSettings(verifierConfig, data.root().resolve("collateral").resolve("intel")), clock);
        builder.add(new TdxVerifier(dcap)).add(new SgxVerifier(dcap)).add(new AzTdxVtpmVerifier(dcap));
        builder.add(nvidia(verifierConfig, clock));
        try {
            if (verifierConfig.filter(c -> c.has("tpm_verifier")).isPresent()) {
                builder.add(TpmVerifier.create(TpmVerifierSettings.fromReferenceConfig(verifierConfig.get())));
            }
            if (verifierConfig.filter(c -> c.has("cca_verifier")).isPresent()) {
                builder.add(CcaVerifier.create(CcaVerifierSettings.fromReferenceConfig(verifierConfig.get())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("verifier_config: " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** Local verification against NVIDIA's pinned root; the remote (NRAS) mode is refused at start-up. */
    static NvidiaVerifier nvidia(Optional<JsonNode> verifierConfig, Clock clock) {
        String type = verifierConfig.map(c -> c.path("nvidia_verifier").path("type").asText("Local")).orElse("Local");
        if (!type.equals("Local")) {
            throw new IllegalArgumentException("verifier_config.nvidia_verifier.type = \"" + type
                    + "\" is not supported yet (use \"Local\": reports are verified in process against NVIDIA's root)");
        }
        return NvidiaVerifier.create(clock);
    }

    static DcapSettings dcapSettings(Optional<JsonNode> verifierConfig, Path defaultCollateral) {
        DcapSettings settings = verifierConfig.filter(c -> c.has("dcap_verifier"))
                .map(DcapSettings::fromReferenceConfig)
                .orElseGet(DcapSettings::defaults);
        return settings.collateralPath().isPresent() ? settings : settings.withCollateralPath(defaultCollateral);
    }

    static SnpVerifierSettings snpSettings(Optional<JsonNode> verifierConfig, Path defaultCollateral) {
        SnpVerifierSettings settings = verifierConfig.filter(c -> c.has("snp_verifier"))
                .map(SnpVerifierSettings::fromReferenceConfig)
                .orElseGet(SnpVerifierSettings::defaults);
        return settings.collateralDirectory().isPresent() ? settings : settings.withCollateralDirectory(defaultCollateral);
    }
}
