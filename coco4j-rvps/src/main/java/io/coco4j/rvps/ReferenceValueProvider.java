package io.coco4j.rvps;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Reference values for attestation policies: registered from provenance messages, queried by name
 * (the policy function {@code query_reference_value(id)}). Built into the process or reached over gRPC.
 */
public interface ReferenceValueProvider {

    /** The value registered under {@code name}, or empty when none is, or it has expired. */
    Optional<JsonNode> query(String name) throws RvpsException;

    /**
     * Registers every reference value a message carries, {@code {"version":"0.1.0","type":"<extractor>","payload":"..."}}.
     * All or nothing: on any error no value of the message is stored.
     */
    void register(String messageJson) throws RvpsException;
}
