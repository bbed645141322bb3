package io.coco4j.guest.aa;

/** The attestation agent's configuration cannot be used. */
public final class AaConfigException extends Exception {

    public AaConfigException(String message) {
        super(message);
    }
}
