package io.coco4j.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Volatile storage (the reference's {@code Memory} backend): gone when the process ends. */
public final class MemoryStorage implements StorageBackend {

    private final ConcurrentMap<String, Store> namespaces = new ConcurrentHashMap<>();

    @Override
    public KeyValueStore namespace(String namespace) throws StorageException {
        KeyRules.checkNamespace(namespace);
        return namespaces.computeIfAbsent(namespace, Store::new);
    }

    @Override
    public String describe() {
        return "Memory";
    }

    private static final class Store implements KeyValueStore {
        private final String namespace;
        private final ConcurrentMap<String, byte[]> entries = new ConcurrentHashMap<>();

        Store(String namespace) {
            this.namespace = namespace;
        }

        @Override
        public String namespace() {
            return namespace;
        }

        @Override
        public Optional<byte[]> get(String key) {
            return Optional.ofNullable(entries.get(key)).map(byte[]::clone);
        }

        @Override
        public void put(String key, byte[] value) {
            entries.put(key, value.clone());
        }

        @Override
        public boolean putIfAbsent(String key, byte[] value) {
            return entries.putIfAbsent(key, value.clone()) == null;
        }

        @Override
        public boolean replace(String key, byte[] expected, byte[] value) {
            boolean[] replaced = {false};
            byte[] copy = value.clone();
            entries.computeIfPresent(key, (k, current) -> {
                if (java.util.Arrays.equals(current, expected)) {
                    replaced[0] = true;
                    return copy;
                }
                return current;
            });
            return replaced[0];
        }

        @Override
        public boolean delete(String key) {
            return entries.remove(key) != null;
        }

        @Override
        public List<String> keys() {
            List<String> keys = new ArrayList<>(entries.keySet());
            keys.sort(null);
            return keys;
        }
    }

}
