package io.coco4j.storage;

/** A key or namespace that a backend refuses (characters outside its alphabet, empty, dot segments). */
public final class InvalidKeyException extends StorageException {

    public InvalidKeyException(String message) {
        super(message);
    }
}
