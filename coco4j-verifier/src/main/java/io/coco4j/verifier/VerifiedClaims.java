package io.coco4j.verifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coco4j.protocol.tee.TeeClass;

/** A verified claim set and the class that selects its attestation policy and EAR submod. */
public record VerifiedClaims(ObjectNode claims, TeeClass teeClass) {
}
