package io.coco4j.rvps;

/**
 * Turns the payload of a registration message of one {@code type} into named reference values,
 * after verifying whatever provenance the format carries (signatures, supply-chain rules).
 */
public interface ReferenceValueExtractor {

    /** The message {@code type} this extractor handles, e.g. {@code sample}. */
    String type();

    /**
     * The reference values the payload carries; an empty map is a valid result.
     *
     * @throws InvalidMessageException when the payload is not of this extractor's format
     * @throws ProvenanceException     when the payload's provenance does not verify
     */
    Extraction extract(String payload) throws InvalidMessageException, ProvenanceException;
}
