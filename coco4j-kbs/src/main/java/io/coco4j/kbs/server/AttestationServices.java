package io.coco4j.kbs.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.as.AttestationService;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.as.policy.RegoAttestationPolicyEngine;
import io.coco4j.rego.Limits;
import io.coco4j.kbs.config.RvpsConfig;
import io.coco4j.kbs.config.TokenBrokerConfig;
import io.coco4j.storage.StorageBackend;
import io.coco4j.verifier.VerifierRegistry;

import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An Attestation Service with its reference values, assembled from the reference's sections
 * ({@code attestation_token_broker}, {@code rvps_config}, {@code verifier_config}): the KBS's
 * built-in AS and {@code coco4j as serve} are made the same way.
 */
final class AttestationServices {

    private AttestationServices() {
    }

    /** The service and its RVPS (built in, with its optional gRPC listener, or remote); closing stops the RVPS. */
    record Opened(AttestationService service, ReferenceValueServices.Setup referenceValues) implements AutoCloseable {
        @Override
        public void close() {
            referenceValues.close();
        }
    }

    /**
     * @param storage   where policies live (namespace {@code attestation_service_policy})
     * @param verifiers replaces the verifiers of {@code verifierConfig} (tests only)
     */
    static Opened open(TokenBrokerConfig broker, RvpsConfig rvpsConfig, Optional<JsonNode> verifierConfig, StorageBackend storage,
                       ServerMode mode, DataDirectory data, Optional<VerifierRegistry> verifiers, Clock clock) throws Exception {
        return open(broker, rvpsConfig, verifierConfig, storage, mode, data, verifiers, clock, RegoAttestationPolicyEngine.DEFAULT_LIMITS,
                UnaryOperator.identity());
    }

    /**
     * @param policyLimits the bounds of each attestation policy evaluation
     * @param instrument   wraps the verifiers (the KBS times them for its metrics)
     */
    static Opened open(TokenBrokerConfig broker, RvpsConfig rvpsConfig, Optional<JsonNode> verifierConfig, StorageBackend storage,
                       ServerMode mode, DataDirectory data, Optional<VerifierRegistry> verifiers, Clock clock, Limits policyLimits,
                       UnaryOperator<VerifierRegistry> instrument) throws Exception {
        EarTokenBrokerSettings defaults = EarTokenBrokerSettings.defaults();
        EarTokenBrokerSettings settings = new EarTokenBrokerSettings((int) broker.durationMinutes(), broker.issuerName(),
                broker.developerName(), broker.buildName().orElse(defaults.buildName()), broker.profileName(),
                broker.verboseToken(), Optional.of(TokenSigners.settings(broker, data, true)));
        ReferenceValueServices.Setup rvps = ReferenceValueServices.open(rvpsConfig, mode, data, clock);
        try {
            VerifierRegistry registry = instrument.apply(verifiers.orElseGet(() -> Verifiers.create(mode, verifierConfig, data, clock)));
            AttestationService service = AttestationService.builder().storage(storage).tokenBroker(settings).verifiers(registry)
                    .referenceValues(rvps.provider()).policyLimits(policyLimits).clock(clock).build();
            return new Opened(service, rvps);
        } catch (Exception e) {
            rvps.close();
            throw e;
        }
    }
}
