package io.coco4j.storage;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour every backend shares; each backend's test class extends this. */
abstract class KeyValueStoreContract {

    abstract StorageBackend backend() throws Exception;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putGetOverwriteDelete() throws Exception {
        KeyValueStore store = backend().namespace(Namespace.REPOSITORY);
        assertThat(store.get("default/key/1")).isEmpty();
        store.put("default/key/1", bytes("one"));
        assertThat(store.get("default/key/1")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("one")));
        store.put("default/key/1", bytes("two"));
        assertThat(store.get("default/key/1")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("two")));
        assertThat(store.delete("default/key/1")).isTrue();
        assertThat(store.delete("default/key/1")).isFalse();
        assertThat(store.get("default/key/1")).isEmpty();
    }

    @Test
    void putIfAbsentKeepsTheFirstValue() throws Exception {
        KeyValueStore store = backend().namespace(Namespace.KBS);
        assertThat(store.putIfAbsent("resource-policy.rego", bytes("first"))).isTrue();
        assertThat(store.putIfAbsent("resource-policy.rego", bytes("second"))).isFalse();
        assertThat(store.get("resource-policy.rego")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("first")));
    }

    @Test
    void namespacesAreSeparateAndKeysListSorted() throws Exception {
        StorageBackend backend = backend();
        backend.namespace(Namespace.REPOSITORY).put("b/t/2", bytes("x"));
        backend.namespace(Namespace.REPOSITORY).put("a/t/1", bytes("y"));
        backend.namespace(Namespace.KBS).put("other", bytes("z"));
        assertThat(backend.namespace(Namespace.REPOSITORY).keys()).containsExactly("a/t/1", "b/t/2");
        assertThat(backend.namespace(Namespace.KBS).keys()).containsExactly("other");
    }

    @Test
    void storedValuesAreCopies() throws Exception {
        KeyValueStore store = backend().namespace(Namespace.REPOSITORY);
        byte[] value = bytes("secret");
        store.put("r/t/x", value);
        value[0] = 'X';
        assertThat(store.get("r/t/x").orElseThrow()).isEqualTo(bytes("secret"));
    }

    @Test
    void replaceSwapsOnlyTheExpectedValue() throws Exception {
        KeyValueStore store = backend().namespace(Namespace.KBS_PROTOCOL_SESSION);
        assertThat(store.replace("s1", bytes("authed"), bytes("attested"))).as("absent key").isFalse();
        assertThat(store.get("s1")).isEmpty();
        store.put("s1", bytes("authed"));
        assertThat(store.replace("s1", bytes("other"), bytes("attested"))).as("wrong expectation").isFalse();
        assertThat(store.get("s1").orElseThrow()).isEqualTo(bytes("authed"));
        assertThat(store.replace("s1", bytes("authed"), bytes("attested"))).isTrue();
        assertThat(store.get("s1").orElseThrow()).isEqualTo(bytes("attested"));
        assertThat(store.replace("s1", bytes("authed"), bytes("attested-again"))).as("stale expectation").isFalse();
        assertThat(store.get("s1").orElseThrow()).isEqualTo(bytes("attested"));
    }

    @Test
    void concurrentReplacesFromOneValueHaveOneWinner() throws Exception {
        KeyValueStore store = backend().namespace(Namespace.KBS_PROTOCOL_SESSION);
        store.put("race", bytes("start"));
        int writers = 8;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] mine = bytes("writer-" + i);
                results.add(pool.submit(() -> {
                    go.await();
                    return store.replace("race", bytes("start"), mine);
                }));
            }
            go.countDown();
            int winners = 0;
            for (var result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            assertThat(new String(store.get("race").orElseThrow(), StandardCharsets.UTF_8)).startsWith("writer-");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentPutIfAbsentHasOneWinner() throws Exception {
        KeyValueStore store = backend().namespace("audit_log");
        int writers = 8;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] mine = bytes("record-" + i);
                results.add(pool.submit(() -> {
                    go.await();
                    return store.putIfAbsent("00000000000000000001", mine);
                }));
            }
            go.countDown();
            int winners = 0;
            for (var result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emptyValuesRoundTrip() throws Exception {
        KeyValueStore store = backend().namespace(Namespace.REPOSITORY);
        store.put("r/t/empty", new byte[0]);
        assertThat(store.get("r/t/empty").orElseThrow()).isEmpty();
    }

    @Test
    void invalidNamespacesAreRefused() throws Exception {
        StorageBackend backend = backend();
        for (String ns : new String[] {"", "/kbs", "kbs/", "a//b", "..", "a/../b"}) {
            assertThatThrownBy(() -> backend.namespace(ns)).as(ns).isInstanceOf(InvalidKeyException.class);
        }
    }
}
