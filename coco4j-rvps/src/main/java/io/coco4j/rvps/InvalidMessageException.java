package io.coco4j.rvps;

/** A registration message is malformed: not JSON, wrong version, or a payload its extractor refuses. */
public class InvalidMessageException extends RvpsException {

    public InvalidMessageException(String message) {
        super(message);
    }

    public InvalidMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
