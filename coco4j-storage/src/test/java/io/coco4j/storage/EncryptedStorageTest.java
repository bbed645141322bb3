package io.coco4j.storage;

import io.coco4j.storage.encrypted.AesGcmValueCipher;
import io.coco4j.storage.encrypted.EncryptedStorage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract through the encryption decorator (every namespace encrypted), and what it stores. */
class EncryptedStorageTest extends KeyValueStoreContract {

    private static final SecretKey KEY = newKey();

    private static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private final MemoryStorage plain = new MemoryStorage();

    @Override
    StorageBackend backend() {
        return new EncryptedStorage(plain, new AesGcmValueCipher(KEY, null, "test key"),
                Set.of(Namespace.REPOSITORY, Namespace.KBS, Namespace.KBS_PROTOCOL_SESSION, "audit_log"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storedBytesAreCiphertextAndOtherNamespacesArePlain() throws Exception {
        StorageBackend storage = new EncryptedStorage(plain, new AesGcmValueCipher(KEY, null, "test key"), Set.of(Namespace.REPOSITORY));
        storage.namespace(Namespace.REPOSITORY).put("default/key/1", bytes("top secret value"));
        storage.namespace(Namespace.KBS).put("resource-policy.rego", bytes("package policy"));
        byte[] raw = plain.namespace(Namespace.REPOSITORY).get("default/key/1").orElseThrow();
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).startsWith("c4e1").doesNotContain("secret");
        assertThat(raw.length).isEqualTo(4 + 12 + "top secret value".length() + 16);
        assertThat(plain.namespace(Namespace.KBS).get("resource-policy.rego").orElseThrow()).isEqualTo(bytes("package policy"));
        assertThat(storage.namespace(Namespace.REPOSITORY).get("default/key/1").orElseThrow()).isEqualTo(bytes("top secret value"));
    }

    @Test
    void aCiphertextMovedToAnotherKeyOrAlteredIsRefused() throws Exception {
        StorageBackend storage = backend();
        storage.namespace(Namespace.REPOSITORY).put("default/key/1", bytes("one"));
        byte[] raw = plain.namespace(Namespace.REPOSITORY).get("default/key/1").orElseThrow();
        plain.namespace(Namespace.REPOSITORY).put("default/key/2", raw);
        assertThatThrownBy(() -> storage.namespace(Namespace.REPOSITORY).get("default/key/2"))
                .isInstanceOf(StorageException.class).hasMessageContaining("failed authentication");
        byte[] flipped = raw.clone();
        flipped[flipped.length - 1] ^= 1;
        plain.namespace(Namespace.REPOSITORY).put("default/key/1", flipped);
        assertThatThrownBy(() -> storage.namespace(Namespace.REPOSITORY).get("default/key/1"))
                .isInstanceOf(StorageException.class).hasMessageContaining("failed authentication");
    }

    @Test
    void aPlaintextValueIsRefusedNotServed() throws Exception {
        plain.namespace(Namespace.REPOSITORY).put("default/key/old", bytes("written before encryption"));
        assertThatThrownBy(() -> backend().namespace(Namespace.REPOSITORY).get("default/key/old"))
                .isInstanceOf(StorageException.class).hasMessageContaining("stored unencrypted")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("written before"));
    }

    @Test
    void anotherKeyCannotDecrypt() throws Exception {
        backend().namespace(Namespace.REPOSITORY).put("default/key/1", bytes("one"));
        StorageBackend other = new EncryptedStorage(plain, new AesGcmValueCipher(newKey(), null, "other key"), Set.of(Namespace.REPOSITORY));
        assertThatThrownBy(() -> other.namespace(Namespace.REPOSITORY).get("default/key/1")).isInstanceOf(StorageException.class);
    }
}
