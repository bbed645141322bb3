package io.coco4j.rvps.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.Provenance;
import io.coco4j.rvps.ReferenceValue;
import io.coco4j.rvps.ReferenceValueStoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every reference-value store must do; each store's test runs it against a real instance. */
abstract class ReferenceValueStoreContract {

    static final Instant REGISTERED = Instant.parse("2026-10-14T07:28:00Z");
    static final Instant EXPIRES = Instant.parse("2027-10-14T07:28:00Z");

    ReferenceValueStore store;

    /** A new, empty store. */
    abstract ReferenceValueStore open() throws Exception;

    /** The same store reopened, e.g. a new pool on the same database; null when the store does not persist. */
    abstract ReferenceValueStore reopen() throws Exception;

    /** Makes the store's database refuse to write a value named {@code poison}; false when the store cannot. */
    abstract boolean poisonWritesOf(String name) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static ReferenceValue value(String name, String json) throws Exception {
        return value(name, json, "sample", List.of());
    }

    static ReferenceValue value(String name, String json, String provider, List<String> signers) throws Exception {
        return new ReferenceValue(name, Json.readTree(json), ReferenceValue.VERSION, EXPIRES,
                new Provenance(provider, "sha256:" + "ab".repeat(32), signers, REGISTERED));
    }

    @Test
    void storesAndReadsBackEveryField() throws Exception {
        ReferenceValue written = value("foo.tar.gz", "[\"52947cb7\",\"ff\"]", "in-toto", List.of("70ca5750", "b7d643de"));
        store.putAll(List.of(written));
        ReferenceValue read = store.get("foo.tar.gz").orElseThrow();
        assertThat(read).isEqualTo(written);
        assertThat(read.provenance().signerKeyIds()).containsExactly("70ca5750", "b7d643de");
        assertThat(read.expiration()).isEqualTo(EXPIRES);
        assertThat(read.provenance().registeredAt()).isEqualTo(REGISTERED);
    }

    @Test
    void valuesOfEveryJsonKindSurvive() throws Exception {
        List<String> kinds = List.of("1", "-7", "12345678901234567890", "1.5", "true", "null", "\"text with \\\" and ü\"",
                "[]", "{\"a\":[1,{\"b\":null}]}");
        for (int i = 0; i < kinds.size(); i++) {
            store.putAll(List.of(value("kind" + i, kinds.get(i))));
        }
        for (int i = 0; i < kinds.size(); i++) {
            JsonNode expected = Json.readTree(kinds.get(i));
            assertThat(store.get("kind" + i).orElseThrow().value()).as(kinds.get(i)).isEqualTo(expected);
        }
    }

    @Test
    void namesMayHoldAnyPrintableText() throws Exception {
        List<String> names = List.of("rvps:///a/b:tag", "ACME/RoadRunner/31fb5abf-023e-4992-aa4e-95f9c1503bfa/digests",
                "dir with space/f.py", "ünïcode");
        for (String name : names) {
            store.putAll(List.of(value(name, "1")));
        }
        for (String name : names) {
            assertThat(store.get(name)).as(name).isPresent();
        }
    }

    @Test
    void absentNamesAreEmpty() throws Exception {
        assertThat(store.get("svn")).isEmpty();
        assertThat(store.list()).isEmpty();
        assertThat(store.delete("svn")).isFalse();
    }

    @Test
    void reRegistrationReplacesValueAndProvenance() throws Exception {
        store.putAll(List.of(value("svn", "[\"1\"]")));
        ReferenceValue replacement = value("svn", "[\"2\",\"3\"]", "in-toto", List.of("k1"));
        store.putAll(List.of(replacement));
        assertThat(store.get("svn")).contains(replacement);
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void listIsOrderedByNameAndIncludesExpiredValues() throws Exception {
        ReferenceValue expired = new ReferenceValue("a-old", Json.readTree("1"), ReferenceValue.VERSION,
                Instant.parse("2000-01-01T00:00:00Z"), new Provenance("sample", "sha256:00", List.of(), REGISTERED));
        store.putAll(List.of(value("zeta", "1"), value("alpha", "2"), expired, value("Beta", "3")));
        assertThat(store.list()).extracting(ReferenceValue::name).containsExactly("Beta", "a-old", "alpha", "zeta");
    }

    @Test
    void deleteRemovesOnlyThatName() throws Exception {
        store.putAll(List.of(value("a", "1"), value("b", "2")));
        assertThat(store.delete("a")).isTrue();
        assertThat(store.get("a")).isEmpty();
        assertThat(store.get("b")).isPresent();
        assertThat(store.delete("a")).isFalse();
    }

    @Test
    void aFailedBatchStoresNothingAndKeepsWhatWasThere() throws Exception {
        if (!poisonWritesOf("poison")) {
            return; // a store without a database cannot fail half-way
        }
        store.putAll(List.of(value("a", "\"old-a\"")));
        assertThatThrownBy(() -> store.putAll(List.of(value("a", "\"new-a\""), value("b", "\"new-b\""), value("poison", "1"))))
                .isInstanceOf(ReferenceValueStoreException.class).hasMessageContaining("nothing registered");
        assertThat(store.get("a").orElseThrow().value().asText()).isEqualTo("old-a");
        assertThat(store.get("b")).isEmpty();
        assertThat(store.list()).extracting(ReferenceValue::name).containsExactly("a");
        // the store is still usable afterwards
        store.putAll(List.of(value("b", "\"later-b\"")));
        assertThat(store.get("b")).isPresent();
    }

    @Test
    void valuesOutliveTheStoreInstance() throws Exception {
        store.putAll(List.of(value("svn", "[\"1\"]")));
        ReferenceValueStore again = reopen();
        if (again == null) {
            return;
        }
        store.close();
        store = again;
        assertThat(store.get("svn").orElseThrow().value()).isEqualTo(Json.readTree("[\"1\"]"));
    }

    @Test
    void concurrentBatchesAreEachAllOrNothing() throws Exception {
        int writers = 4;
        Thread[] threads = new Thread[writers];
        Throwable[] failures = new Throwable[writers];
        for (int w = 0; w < writers; w++) {
            int id = w;
            threads[w] = new Thread(() -> {
                try {
                    for (int round = 0; round < 10; round++) {
                        store.putAll(List.of(value("x", "[" + id + "," + round + "]"), value("y", "[" + id + "," + round + "]")));
                    }
                } catch (Throwable t) {
                    failures[id] = t;
                }
            });
            threads[w].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (Throwable failure : failures) {
            assertThat(failure).isNull();
        }
        // the last batch to commit wrote both names
        assertThat(store.get("x").orElseThrow().value()).isEqualTo(store.get("y").orElseThrow().value());
    }
}
