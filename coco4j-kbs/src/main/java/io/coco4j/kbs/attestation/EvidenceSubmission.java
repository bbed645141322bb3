package io.coco4j.kbs.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.rcar.InitData;
import io.coco4j.protocol.tee.Tee;

import java.util.Optional;

/**
 * One piece of evidence the KBS hands to the attestation service: the primary TEE's report or one
 * device's, with the structured runtime data it must bind and, for the primary, the init-data.
 */
public record EvidenceSubmission(Tee tee, JsonNode evidence, ObjectNode runtimeData, Optional<InitData> initData,
                                 HashAlgorithm hashAlgorithm) {
}
