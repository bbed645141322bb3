package io.coco4j.guest.kbs;

import io.coco4j.guest.attester.EvidenceException;

/** The guest's own attester could not produce evidence, so no handshake could be attempted. */
public final class KbsEvidenceException extends KbsClientException {

    KbsEvidenceException(String message, EvidenceException cause) {
        super(message, 0, null, cause);
    }
}
