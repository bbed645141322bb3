package io.coco4j.storage.encrypted;

import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Encryption at rest over any backend: values of the chosen namespaces are stored as
 * {@code "c4e1" ‖ ciphertext}, bound to their namespace and key as associated data, so a value
 * copied to another key fails to decrypt. Keys and the other namespaces stay as they are. A value
 * without the prefix (written before encryption was turned on) is refused, never served as
 * plaintext: the integrity the cipher gives would otherwise be lost.
 */
public final class EncryptedStorage implements StorageBackend {

    private static final byte[] MAGIC = {'c', '4', 'e', '1'};

    private final StorageBackend inner;
    private final ValueCipher cipher;
    private final Set<String> encryptedNamespaces;

    public EncryptedStorage(StorageBackend inner, ValueCipher cipher, Set<String> encryptedNamespaces) {
        this.inner = inner;
        this.cipher = cipher;
        this.encryptedNamespaces = Set.copyOf(encryptedNamespaces);
    }

    @Override
    public KeyValueStore namespace(String namespace) throws StorageException {
        KeyValueStore store = inner.namespace(namespace);
        return encryptedNamespaces.contains(namespace) ? new Store(store) : store;
    }

    @Override
    public String describe() {
        return inner.describe() + ", " + String.join(", ", encryptedNamespaces.stream().sorted().toList())
                + " encrypted with " + cipher.describe();
    }

    @Override
    public boolean isReachable() {
        return inner.isReachable();
    }

    @Override
    public void close() {
        inner.close();
    }

    private final class Store implements KeyValueStore {
        private final KeyValueStore inner;

        Store(KeyValueStore inner) {
            this.inner = inner;
        }

        @Override
        public String namespace() {
            return inner.namespace();
        }

        private byte[] associatedData(String key) {
            return (inner.namespace() + "\u0000" + key).getBytes(StandardCharsets.UTF_8);
        }

        private byte[] seal(String key, byte[] value) throws StorageException {
            byte[] sealed = cipher.encrypt(value, associatedData(key));
            byte[] out = new byte[MAGIC.length + sealed.length];
            System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
            System.arraycopy(sealed, 0, out, MAGIC.length, sealed.length);
            return out;
        }

        private byte[] open(String key, byte[] stored) throws StorageException {
            if (stored.length < MAGIC.length || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                throw new StorageException(inner.namespace() + "/" + key + " is stored unencrypted, but the namespace "
                        + "is encrypted at rest: write it again through the KBS");
            }
            try {
                return cipher.decrypt(Arrays.copyOfRange(stored, MAGIC.length, stored.length), associatedData(key));
            } catch (StorageException e) {
                throw new StorageException(inner.namespace() + "/" + key + ": " + e.getMessage(), e);
            }
        }

        @Override
        public Optional<byte[]> get(String key) throws StorageException {
            Optional<byte[]> stored = inner.get(key);
            return stored.isEmpty() ? Optional.empty() : Optional.of(open(key, stored.get()));
        }

        @Override
        public void put(String key, byte[] value) throws StorageException {
            inner.put(key, seal(key, value));
        }

        @Override
        public boolean putIfAbsent(String key, byte[] value) throws StorageException {
            return inner.putIfAbsent(key, seal(key, value));
        }

        @Override
        public boolean replace(String key, byte[] expected, byte[] value) throws StorageException {
            // ciphertexts differ per write: compare plaintexts, then swap exactly the ciphertext read
            Optional<byte[]> stored = inner.get(key);
            if (stored.isEmpty() || !Arrays.equals(open(key, stored.get()), expected)) {
                return false;
            }
            return inner.replace(key, stored.get(), seal(key, value));
        }

        @Override
        public boolean delete(String key) throws StorageException {
            return inner.delete(key);
        }

        @Override
        public List<String> keys() throws StorageException {
            return inner.keys();
        }

        @Override
        public int size() throws StorageException {
            return inner.size();
        }
    }
}
