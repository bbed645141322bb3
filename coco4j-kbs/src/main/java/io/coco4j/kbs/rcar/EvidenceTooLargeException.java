package io.coco4j.kbs.rcar;

import io.coco4j.kbs.api.KbsApiException;
import io.coco4j.kbs.limits.Limit;
import io.coco4j.kbs.limits.LimitExceeded;
import io.coco4j.protocol.error.KbsErrorType;
import io.coco4j.protocol.tee.Tee;

/** One TEE's evidence is larger than {@code limits.max_evidence_size} allows: 413, before any verifier runs. */
public final class EvidenceTooLargeException extends KbsApiException implements LimitExceeded {

    EvidenceTooLargeException(Tee tee, long size, long limit) {
        super(KbsErrorType.PAYLOAD_TOO_LARGE, "the " + tee.wireName() + " evidence is " + size + " bytes, over the limit of "
                + limit + " bytes (" + Limit.MAX_EVIDENCE_SIZE.configKey() + "." + tee.wireName() + ")");
    }

    @Override
    public Limit limit() {
        return Limit.MAX_EVIDENCE_SIZE;
    }
}
