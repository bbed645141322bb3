package io.coco4j.rvps;

/** The reference-value store failed, or holds an entry that is not a stored reference value. */
public class ReferenceValueStoreException extends RvpsException {

    public ReferenceValueStoreException(String message) {
        super(message);
    }

    public ReferenceValueStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
