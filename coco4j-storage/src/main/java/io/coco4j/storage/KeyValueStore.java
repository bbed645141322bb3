package io.coco4j.storage;

import java.util.List;
import java.util.Optional;

/**
 * One namespace of a storage backend: byte values under string keys. Every write is atomic: after a
 * crash a reader sees the old value or the new one, never a torn one.
 */
public interface KeyValueStore {

    String namespace();

    Optional<byte[]> get(String key) throws StorageException;

    /** Stores {@code value}, replacing any previous one. */
    void put(String key, byte[] value) throws StorageException;

    /** Stores {@code value} only when the key is absent; returns whether it was stored. */
    boolean putIfAbsent(String key, byte[] value) throws StorageException;

    /**
     * Stores {@code value} only when the key currently holds exactly {@code expected} (byte for
     * byte); returns whether it was stored. The compare and the write are one atomic step, also
     * between processes sharing the backend, so two writers racing from the same old value never
     * both succeed.
     */
    boolean replace(String key, byte[] expected, byte[] value) throws StorageException;

    /** Removes the key; returns whether it existed. */
    boolean delete(String key) throws StorageException;

    /** All keys of the namespace, sorted. */
    List<String> keys() throws StorageException;

    /** How many keys the namespace holds (back-ends that can count without listing do so). */
    default int size() throws StorageException {
        return keys().size();
    }
}
