package io.coco4j.kbs.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** Finds the {@code tee-pubkey} in verified token claims (EAR and other token layouts). */
@FunctionalInterface
public interface TeeKeyLocator {

    Optional<JsonNode> locate(JsonNode claims);
}
