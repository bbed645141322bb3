package io.coco4j.rvps.store;

import io.coco4j.rvps.ReferenceValue;
import io.coco4j.rvps.ReferenceValueStoreException;

import java.util.List;
import java.util.Optional;

/**
 * Where registered reference values live. Every implementation keeps values with their provenance
 * and expiration as given; deciding what is expired is the caller's (it owns the clock).
 */
public interface ReferenceValueStore extends AutoCloseable {

    /**
     * Stores all values in one transaction, replacing values of the same names: afterwards either
     * every value is stored or, on an exception, none is and the previous values are intact.
     */
    void putAll(List<ReferenceValue> values) throws ReferenceValueStoreException;

    /** The value stored under {@code name}, expired or not. */
    Optional<ReferenceValue> get(String name) throws ReferenceValueStoreException;

    /** Every stored value, expired ones included, ordered by name. */
    List<ReferenceValue> list() throws ReferenceValueStoreException;

    /** Removes the value; false when there was none. */
    boolean delete(String name) throws ReferenceValueStoreException;

    /** A short description for the start-up log (never credentials). */
    String describe();

    @Override
    void close();
}
