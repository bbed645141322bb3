package io.coco4j.kbs.session;

/**
 * A shared session store (Redis, a database) could not be reached or answered nonsense. Unchecked:
 * the request fails with an internal error and the guest starts over; the message never holds a
 * token or a nonce.
 */
public final class SessionStoreException extends RuntimeException {

    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public SessionStoreException(String message) {
        super(message);
    }
}
