package io.coco4j.protocol.tee.dcap;

/** The quote ends before a structure it declares: a length field points past the end of the data. */
public final class QuoteTruncatedException extends QuoteFormatException {

    public QuoteTruncatedException(String message) {
        super(message);
    }
}
