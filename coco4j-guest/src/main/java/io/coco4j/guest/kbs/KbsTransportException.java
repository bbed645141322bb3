package io.coco4j.guest.kbs;

/** No answer from the KBS: connection refused, TLS handshake failure, timeout, or the caller was interrupted. */
public final class KbsTransportException extends KbsClientException {

    KbsTransportException(String message, Throwable cause) {
        super(message, 0, null, cause);
    }
}
