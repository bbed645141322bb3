package io.coco4j.rvps;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** Turns the payload of a registration message of one {@code type} into named reference values. */
public interface ReferenceValueExtractor {

    /** The message {@code type} this extractor handles, e.g. {@code sample}. */
    String type();

    /**
     * The reference values the payload carries, by name; an empty map is a valid result.
     *
     * @throws InvalidMessageException when the payload is not of this extractor's format, or fails its checks
     */
    Map<String, JsonNode> extract(String payload) throws InvalidMessageException;
}
