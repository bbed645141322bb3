package io.coco4j.guest.kbs;

/**
 * The KBS answered, but not as the protocol says: malformed JSON, a missing member, a token that is
 * not a JWT, a resource JWE that does not decrypt with the TEE key, an oversized body.
 */
public final class KbsProtocolException extends KbsClientException {

    public KbsProtocolException(String message) {
        super(message, 0, null, null);
    }

    KbsProtocolException(String message, Throwable cause) {
        super(message, 0, null, cause);
    }

    KbsProtocolException(String message, int httpStatus, Throwable cause) {
        super(message, httpStatus, null, cause);
    }
}
