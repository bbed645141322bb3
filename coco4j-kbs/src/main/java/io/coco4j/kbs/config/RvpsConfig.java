package io.coco4j.kbs.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** {@code [attestation_service.rvps_config]}: where the built-in AS finds reference values. */
public sealed interface RvpsConfig {

    String DEFAULT_REMOTE_ADDRESS = "127.0.0.1:50003";

    /** The reference's default: an RVPS inside the AS, on the shared storage back-end. */
    static RvpsConfig defaults() {
        return new BuiltIn(Optional.empty(), Optional.empty());
    }

    /**
     * {@code type = "BuiltIn"}.
     *
     * @param storageType {@code storage_type}: overrides {@code storage_backend.storage_type} for reference values
     * @param extractors  {@code extractors}: provenance extractor settings, kept as a JSON tree
     */
    record BuiltIn(Optional<StorageType> storageType, Optional<JsonNode> extractors) implements RvpsConfig {
    }

    /**
     * {@code type = "GrpcRemote"}.
     *
     * @param address {@code address} of the remote RVPS; default {@code 127.0.0.1:50003}
     */
    record GrpcRemote(String address) implements RvpsConfig {
    }
}
