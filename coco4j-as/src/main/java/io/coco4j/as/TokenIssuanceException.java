package io.coco4j.as;

/** The token could not be signed. */
public final class TokenIssuanceException extends AttestationException {

    public TokenIssuanceException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Kind kind() {
        return Kind.TOKEN;
    }
}
