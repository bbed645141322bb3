package io.coco4j.protocol.jose;

/** A {@code tee-pubkey} the KBS will not encrypt to. */
public final class InvalidTeeKeyException extends Exception {

    public InvalidTeeKeyException(String message) {
        super(message);
    }
}
