package io.coco4j.storage;

/** A storage backend: a set of namespaces. */
public interface StorageBackend extends AutoCloseable {

    /** The store of a namespace, created on first use. */
    KeyValueStore namespace(String namespace) throws StorageException;

    /** A short description for the start-up log, e.g. {@code LocalFs at /var/lib/coco4j}. */
    String describe();

    /** Whether the backend answers now (for readiness checks); in-process backends always do. */
    default boolean isReachable() {
        return true;
    }

    @Override
    default void close() {
    }
}
