package io.coco4j.protocol.rcar;

import com.fasterxml.jackson.annotation.JsonProperty;

/** RCAR step 4: the attestation token, {@code {"token": "<JWT>"}}. */
public record AttestationResponse(@JsonProperty("token") String token) {
}
