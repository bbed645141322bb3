package io.coco4j.as;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.rcar.HashAlgorithm;
import io.coco4j.protocol.tee.Tee;

/**
 * One piece of evidence to verify: the TEE, its evidence JSON, what its report must bind, and the
 * hash algorithm of the runtime-data digest (SHA-384 unless the TEE needs another, e.g. SHA-512 for se).
 */
public record VerificationRequest(Tee tee, JsonNode evidence, RuntimeDataInput runtimeData, InitDataInput initData,
                                  HashAlgorithm hashAlgorithm) {

    public VerificationRequest {
        if (tee == null) {
            throw new IllegalArgumentException("tee is required");
        }
        if (evidence == null) {
            throw new IllegalArgumentException("evidence is required");
        }
        evidence = evidence.deepCopy();
        runtimeData = runtimeData == null ? RuntimeDataInput.NONE : runtimeData;
        initData = initData == null ? InitDataInput.NONE : initData;
        hashAlgorithm = hashAlgorithm == null ? HashAlgorithm.SHA384 : hashAlgorithm;
    }

    @Override
    public JsonNode evidence() {
        return evidence.deepCopy();
    }
}
