package io.coco4j.guest.cdh;

/** The Confidential Data Hub's configuration cannot be used. */
public final class CdhConfigException extends Exception {

    public CdhConfigException(String message) {
        super(message);
    }
}
