package io.coco4j.rvps;

/** The message names an extractor ({@code type}) that does not exist or is not enabled. */
public class UnsupportedExtractorException extends RvpsException {

    public UnsupportedExtractorException(String message) {
        super(message);
    }
}
