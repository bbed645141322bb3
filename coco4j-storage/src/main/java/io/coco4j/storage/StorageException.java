package io.coco4j.storage;

/** A storage operation failed; the message names the namespace and key but never the value. */
public class StorageException extends Exception {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
