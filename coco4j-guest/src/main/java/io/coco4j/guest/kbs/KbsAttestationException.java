package io.coco4j.guest.kbs;

import io.coco4j.protocol.error.ErrorInformation;

/** The KBS refused the RCAR handshake: {@code /auth} or {@code /attest} answered 401 (version mismatch, evidence rejected, …). */
public final class KbsAttestationException extends KbsClientException {

    KbsAttestationException(String message, int httpStatus, ErrorInformation errorInformation) {
        super(message, httpStatus, errorInformation, null);
    }
}
