package io.coco4j.protocol.rcar;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** RCAR step 3, the body of {@code POST /kbs/v0/attest}. */
public record Attestation(
        @JsonProperty("init-data") @JsonInclude(JsonInclude.Include.NON_NULL) InitData initData,
        @JsonProperty("runtime-data") RuntimeData runtimeData,
        @JsonProperty("tee-evidence") TeeEvidence teeEvidence) {
}
