package io.coco4j.kbs.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * {@code [attestation_service]}.
 *
 * @param type           {@code type}; default {@code coco_as_builtin}
 * @param timeoutMinutes {@code timeout}: RCAR session lifetime after {@code /auth}; default 5
 * @param tokenBroker    {@code attestation_token_broker} (built-in AS only)
 * @param rvpsConfig     {@code rvps_config} (built-in AS only)
 * @param verifierConfig {@code verifier_config}: TEE verifier settings as a JSON tree (built-in AS only)
 * @param storageType    {@code storage_type}: overrides {@code storage_backend.storage_type} for the AS
 * @param remote         the settings of {@code coco_as_grpc} or {@code intel_ta}; empty for the built-in AS
 */
public record AttestationServiceConfig(
        AttestationServiceType type,
        long timeoutMinutes,
        TokenBrokerConfig tokenBroker,
        RvpsConfig rvpsConfig,
        Optional<JsonNode> verifierConfig,
        Optional<StorageType> storageType,
        Optional<RemoteAttestationServiceConfig> remote) {

    public static final long DEFAULT_TIMEOUT_MINUTES = 5;

    /** The built-in AS with the reference's defaults. */
    public static AttestationServiceConfig defaults() {
        return new AttestationServiceConfig(AttestationServiceType.COCO_AS_BUILTIN, DEFAULT_TIMEOUT_MINUTES,
                TokenBrokerConfig.defaults(), RvpsConfig.defaults(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
