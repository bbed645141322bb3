package io.coco4j.kbs.jwks;

/**
 * A JOSE-level problem: a token that is not a well-formed compact JWS, a refused algorithm, a JWK that
 * is not a usable public key, or an algorithm that does not fit the key. The message never contains
 * the token itself.
 */
public final class JwsException extends Exception {

    private static final long serialVersionUID = 1L;

    public JwsException(String message) {
        super(message);
    }

    public JwsException(String message, Throwable cause) {
        super(message, cause);
    }
}
