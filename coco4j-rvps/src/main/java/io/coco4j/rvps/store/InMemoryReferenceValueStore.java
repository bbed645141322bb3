package io.coco4j.rvps.store;

import io.coco4j.rvps.ReferenceValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Reference values kept in this process only: for tests and throw-away development servers. */
public final class InMemoryReferenceValueStore implements ReferenceValueStore {

    private final TreeMap<String, ReferenceValue> values = new TreeMap<>();

    @Override
    public synchronized void putAll(List<ReferenceValue> batch) {
        for (ReferenceValue value : batch) {
            values.put(value.name(), value);
        }
    }

    @Override
    public synchronized Optional<ReferenceValue> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public synchronized List<ReferenceValue> list() {
        return new ArrayList<>(values.values());
    }

    @Override
    public synchronized boolean delete(String name) {
        return values.remove(name) != null;
    }

    @Override
    public String describe() {
        return "memory (lost on restart)";
    }

    @Override
    public void close() {
    }
}
