package io.coco4j.cli.rvps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.Optional;

/** Where the rvps commands act: a KBS's REST API, or the reference-value store of a local data directory. */
interface ReferenceValues extends AutoCloseable {

    /** Registers a message; answers {@code {provider, registered, expiration, warnings}}. */
    JsonNode register(String message) throws Exception;

    /** One value in its listing form (with {@code expired} and {@code provenance}), if there is one. */
    Optional<JsonNode> get(String name) throws Exception;

    /** Every value in its listing form. */
    ArrayNode list() throws Exception;

    /** Deletes a value; false when there was none. */
    boolean delete(String name) throws Exception;

    @Override
    default void close() {
    }
}
