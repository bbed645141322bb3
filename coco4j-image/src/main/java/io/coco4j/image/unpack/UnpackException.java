package io.coco4j.image.unpack;

/** A layer could not be unpacked safely; nothing of it may be used. */
public class UnpackException extends java.io.IOException {

    public UnpackException(String message) {
        super(message);
    }

    public UnpackException(String message, Throwable cause) {
        super(message, cause);
    }
}
