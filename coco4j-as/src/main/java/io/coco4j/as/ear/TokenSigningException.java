package io.coco4j.as.ear;

/** Signing a token failed in the crypto provider. */
public class TokenSigningException extends Exception {

    public TokenSigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
