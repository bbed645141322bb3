package io.coco4j.rvps;

import io.coco4j.protocol.testing.MutableClock;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.LocalFsStorage;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuiltinReferenceValueProviderTest {

    private static final Instant NOW = Instant.parse("2026-10-14T07:28:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final MemoryStorage storage = new MemoryStorage();

    private BuiltinReferenceValueProvider provider(StorageBackend backend) throws StorageException {
        return BuiltinReferenceValueProvider.builder(backend).extractor(new SampleExtractor()).clock(clock).build();
    }

    static String sampleMessage(String valuesJson) {
        return "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\""
                + Base64.getEncoder().encodeToString(valuesJson.getBytes(StandardCharsets.UTF_8)) + "\"}";
    }

    private static JsonNode json(String text) throws Exception {
        return Json.readTree(text);
    }

    @Test
    void registersEachMemberOfASampleMessage() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(storage);
        rvps.register(sampleMessage("{\"svn\":[\"1\"],\"major_version\":1,\"launch_digest\":[\"abcde\"],\"nested\":{\"a\":[true]}}"));

        assertThat(rvps.query("svn")).contains(json("[\"1\"]"));
        assertThat(rvps.query("major_version")).contains(json("1"));
        assertThat(rvps.query("launch_digest")).contains(json("[\"abcde\"]"));
        assertThat(rvps.query("nested")).contains(json("{\"a\":[true]}"));
        assertThat(rvps.query("unknown")).isEmpty();
    }

    @Test
    void storesTheReferenceForm() throws Exception {
        provider(storage).register(sampleMessage("{\"svn\":[\"1\"]}"));
        byte[] stored = storage.namespace(Namespace.REFERENCE_VALUE).get("svn").orElseThrow();
        assertThat(new String(stored, StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":\"0.1.0\",\"name\":\"svn\",\"expiration\":\"2027-10-14T07:28:00Z\",\"value\":[\"1\"]}");
    }

    @Test
    void versionDefaultsTo010() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(storage);
        rvps.register("{\"type\":\"sample\",\"payload\":\"" + Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8)) + "\"}");
        assertThat(rvps.query("a")).contains(json("1"));
    }

    @Test
    void reRegistrationOverwrites() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(storage);
        rvps.register(sampleMessage("{\"svn\":[\"1\"]}"));
        rvps.register(sampleMessage("{\"svn\":[\"2\",\"3\"]}"));
        assertThat(rvps.query("svn")).contains(json("[\"2\",\"3\"]"));
    }

    @Test
    void expiredValuesAreNeverReturned() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(storage);
        rvps.register(sampleMessage("{\"svn\":[\"1\"]}"));
        clock.set(Instant.parse("2027-10-14T07:27:59Z"));
        assertThat(rvps.query("svn")).isPresent();
        clock.set(Instant.parse("2027-10-14T07:28:00Z"));
        assertThat(rvps.query("svn")).isEmpty();
    }

    @Test
    void expirationWrittenByOtherImplementationsIsRead() throws Exception {
        KeyValueStore store = storage.namespace(Namespace.REFERENCE_VALUE);
        store.put("old", "{\"version\":\"0.1.0\",\"name\":\"old\",\"expiration\":\"2026-10-14T07:27:59.5+00:00\",\"value\":1}".getBytes(StandardCharsets.UTF_8));
        store.put("fresh", "{\"version\":\"0.1.0\",\"name\":\"fresh\",\"expiration\":\"2030-01-01T00:00:00.123456Z\",\"value\":2}".getBytes(StandardCharsets.UTF_8));
        BuiltinReferenceValueProvider rvps = provider(storage);
        assertThat(rvps.query("old")).isEmpty();
        assertThat(rvps.query("fresh")).contains(json("2"));
    }

    @Test
    void corruptStoredValueIsAStoreError() throws Exception {
        storage.namespace(Namespace.REFERENCE_VALUE).put("svn", "not json".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> provider(storage).query("svn"))
                .isInstanceOf(ReferenceValueStoreException.class).hasMessageContaining("corrupt");
        storage.namespace(Namespace.REFERENCE_VALUE).put("svn", "{\"version\":\"0.1.0\",\"name\":\"svn\",\"value\":1}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> provider(storage).query("svn")).isInstanceOf(ReferenceValueStoreException.class);
    }

    @Test
    void malformedMessagesAreRefusedAndStoreNothing() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(storage);
        for (String message : List.of("not json", "[]", "{\"version\":\"0.1.0\",\"type\":\"sample\"}",
                "{\"version\":\"0.2.0\",\"type\":\"sample\",\"payload\":\"e30=\"}",
                "{\"version\":1,\"type\":\"sample\",\"payload\":\"e30=\"}",
                "{\"version\":\"0.1.0\",\"payload\":\"e30=\"}",
                "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"e30=\"} trailing")) {
            assertThatThrownBy(() -> rvps.register(message)).as(message).isInstanceOf(InvalidMessageException.class);
        }
        assertThat(storage.namespace(Namespace.REFERENCE_VALUE).keys()).isEmpty();
    }

    @Test
    void samplePayloadMustBeBase64OfAJsonObject() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(storage);
        assertThatThrownBy(() -> rvps.register("{\"type\":\"sample\",\"payload\":\"!!!\"}"))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("not base64");
        assertThatThrownBy(() -> rvps.register("{\"type\":\"sample\",\"payload\":\"" + Base64.getEncoder().encodeToString("{x".getBytes(StandardCharsets.UTF_8)) + "\"}"))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> rvps.register(sampleMessage("[\"svn\"]")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("JSON object");
        assertThat(storage.namespace(Namespace.REFERENCE_VALUE).keys()).isEmpty();
    }

    @Test
    void unknownOrDisabledExtractorIsRefused() throws Exception {
        BuiltinReferenceValueProvider withoutSample = BuiltinReferenceValueProvider.builder(storage).clock(clock).build();
        assertThat(withoutSample.extractorTypes()).isEmpty();
        assertThatThrownBy(() -> withoutSample.register(sampleMessage("{\"svn\":[\"1\"]}")))
                .isInstanceOf(UnsupportedExtractorException.class).hasMessageContaining("'sample'");
        assertThatThrownBy(() -> provider(storage).register("{\"type\":\"swid\",\"payload\":\"\"}"))
                .isInstanceOf(UnsupportedExtractorException.class).hasMessageContaining("enabled: sample");
        assertThat(storage.namespace(Namespace.REFERENCE_VALUE).keys()).isEmpty();
    }

    @Test
    void aNameNoBackendCanStoreRefusesTheWholeMessage() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(storage);
        assertThatThrownBy(() -> rvps.register(sampleMessage("{\"svn\":[\"1\"],\"rvps:///a/b:tag\":[\"x\"]}")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("rvps:///a/b:tag");
        assertThat(rvps.query("svn")).isEmpty();
        assertThat(rvps.query("rvps:///a/b:tag")).isEmpty();
    }

    @Test
    void aFailedWriteRollsBackTheEarlierWritesOfTheMessage() throws Exception {
        FailingStorage failing = new FailingStorage(storage);
        BuiltinReferenceValueProvider rvps = provider(failing);
        rvps.register(sampleMessage("{\"a\":\"old-a\"}"));

        failing.failOnPut(3); // a and b are written, c fails
        assertThatThrownBy(() -> rvps.register(sampleMessage("{\"a\":\"new-a\",\"b\":\"new-b\",\"c\":\"new-c\"}")))
                .isInstanceOf(ReferenceValueStoreException.class).hasMessageContaining("nothing registered");

        assertThat(rvps.query("a")).contains(json("\"old-a\""));
        assertThat(rvps.query("b")).isEmpty();
        assertThat(rvps.query("c")).isEmpty();
        assertThat(storage.namespace(Namespace.REFERENCE_VALUE).keys()).containsExactly("a");
    }

    @Test
    void localFsKeepsValuesAcrossInstances(@TempDir Path dir) throws Exception {
        provider(new LocalFsStorage(dir)).register(sampleMessage("{\"svn\":[\"1\"],\"x/y\":2}"));
        assertThat(Files.exists(dir.resolve("reference_value").resolve("svn"))).isTrue();
        assertThat(Files.exists(dir.resolve("reference_value").resolve("x\\x2Fy"))).isTrue();
        BuiltinReferenceValueProvider reopened = provider(new LocalFsStorage(dir));
        assertThat(reopened.query("svn")).contains(json("[\"1\"]"));
        assertThat(reopened.query("x/y")).contains(json("2"));
    }

    @Test
    void queriedValuesAreCopies() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(storage);
        rvps.register(sampleMessage("{\"svn\":[\"1\"]}"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) rvps.query("svn").orElseThrow()).add("2");
        assertThat(rvps.query("svn")).contains(json("[\"1\"]"));
    }

    /** A clock the test moves. */
    static final class FailingStorage implements StorageBackend {
        private final StorageBackend delegate;
        private final AtomicInteger putsUntilFailure = new AtomicInteger(-1);

        FailingStorage(StorageBackend delegate) {
            this.delegate = delegate;
        }

        void failOnPut(int n) {
            putsUntilFailure.set(n);
        }

        @Override
        public KeyValueStore namespace(String namespace) throws StorageException {
            KeyValueStore store = delegate.namespace(namespace);
            return new KeyValueStore() {
                @Override
                public String namespace() {
                    return store.namespace();
                }

                @Override
                public Optional<byte[]> get(String key) throws StorageException {
                    return store.get(key);
                }

                @Override
                public void put(String key, byte[] value) throws StorageException {
                    if (putsUntilFailure.get() > 0 && putsUntilFailure.decrementAndGet() == 0) {
                        throw new StorageException("disk full writing " + key);
                    }
                    store.put(key, value);
                }

                @Override
                public boolean putIfAbsent(String key, byte[] value) throws StorageException {
                    return store.putIfAbsent(key, value);
                }

                @Override
                public boolean delete(String key) throws StorageException {
                    return store.delete(key);
                }

                @Override
                public List<String> keys() throws StorageException {
                    return store.keys();
                }
            };
        }

        @Override
        public String describe() {
            return "failing " + delegate.describe();
        }
    }
}
