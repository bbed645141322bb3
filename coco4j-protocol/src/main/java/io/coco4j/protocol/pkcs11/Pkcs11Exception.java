package io.coco4j.protocol.pkcs11;

/** A PKCS#11 token could not be used: not found, login refused, a key missing or of the wrong kind. */
public final class Pkcs11Exception extends Exception {

    public Pkcs11Exception(String message) {
        super(message);
    }

    public Pkcs11Exception(String message, Throwable cause) {
        super(message, cause);
    }
}
