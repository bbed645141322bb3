package io.coco4j.rvps.intoto;

/** in-toto metadata that does not follow the v0.9 format (layout, link, key, rule or envelope). */
public final class InTotoFormatException extends Exception {

    public InTotoFormatException(String message) {
        super(message);
    }

    public InTotoFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
