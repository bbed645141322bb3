package io.coco4j.protocol.tee.dcap;

/** The bytes are not a well-formed DCAP quote (unknown version, key type, body type or certification data). */
public class QuoteFormatException extends Exception {

    public QuoteFormatException(String message) {
        super(message);
    }
}
