package io.coco4j.kbs.rcar;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.kbs.config.LimitsConfig;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.tee.Tee;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code limits.max_evidence_size}: how many bytes of evidence each TEE may send. Checked on the
 * evidence as it arrived, before any verifier parses it.
 */
public final class EvidenceSizes {

    public static final EvidenceSizes DEFAULT = new EvidenceSizes(LimitsConfig.DEFAULT_MAX_EVIDENCE_SIZE);

    private final Map<Tee, Long> limits;

    public EvidenceSizes(Map<Tee, Long> limits) {
        this.limits = Map.copyOf(limits);
    }

    /** Refuses {@code evidence} of {@code tee} when it is larger than the TEE's limit. */
    void check(Tee tee, JsonNode evidence) throws EvidenceTooLargeException {
        long limit = limits.getOrDefault(tee, Long.MAX_VALUE);
        long size = evidence.isTextual()
                ? evidence.textValue().getBytes(StandardCharsets.UTF_8).length
                : Json.writeBytes(evidence).length;
        if (size > limit) {
            throw new EvidenceTooLargeException(tee, size, limit);
        }
    }
}
