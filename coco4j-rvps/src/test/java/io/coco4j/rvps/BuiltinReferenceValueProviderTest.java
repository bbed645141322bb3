package io.coco4j.rvps;

import com.fasterxml.jackson.databind.JsonNode;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.MutableClock;
import io.coco4j.rvps.extractor.SampleExtractor;
import io.coco4j.rvps.store.InMemoryReferenceValueStore;
import io.coco4j.rvps.store.JdbcReferenceValueStore;
import io.coco4j.rvps.store.ReferenceValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BuiltinReferenceValueProviderTest {

    private static final Instant NOW = Instant.parse("2026-10-14T07:28:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryReferenceValueStore store = new InMemoryReferenceValueStore();

    private BuiltinReferenceValueProvider provider(ReferenceValueStore backing) {
        return BuiltinReferenceValueProvider.builder(backing).extractor(new SampleExtractor()).clock(clock).build();
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
        BuiltinReferenceValueProvider rvps = provider(store);
        Registration registration = rvps.submit(sampleMessage("{\"svn\":[\"1\"],\"major_version\":1,\"launch_digest\":[\"abcde\"],\"nested\":{\"a\":[true]}}"));

        assertThat(registration.names()).containsExactly("svn", "major_version", "launch_digest", "nested");
        assertThat(registration.provider()).isEqualTo("sample");
        assertThat(registration.expiration()).isEqualTo(Instant.parse("2027-10-14T07:28:00Z"));
        assertThat(rvps.query("svn")).contains(json("[\"1\"]"));
        assertThat(rvps.query("major_version")).contains(json("1"));
        assertThat(rvps.query("launch_digest")).contains(json("[\"abcde\"]"));
        assertThat(rvps.query("nested")).contains(json("{\"a\":[true]}"));
        assertThat(rvps.query("unknown")).isEmpty();
    }

    @Test
    void recordsProvenanceAndTheReferenceStoredForm() throws Exception {
        String message = sampleMessage("{\"svn\":[\"1\"]}");
        provider(store).register(message);
        ReferenceValue stored = store.get("svn").orElseThrow();
        assertThat(stored.toReferenceJson().toString())
                .isEqualTo("{\"version\":\"0.1.0\",\"name\":\"svn\",\"expiration\":\"2027-10-14T07:28:00Z\",\"value\":[\"1\"]}");
        String payload = Json.readTree(message).get("payload").asText();
        assertThat(stored.provenance().provider()).isEqualTo("sample");
        assertThat(stored.provenance().sourceDigest()).isEqualTo("sha256:" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8))));
        assertThat(stored.provenance().signerKeyIds()).isEmpty();
        assertThat(stored.provenance().registeredAt()).isEqualTo(NOW);
    }

    @Test
    void versionDefaultsTo010() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(store);
        rvps.register("{\"type\":\"sample\",\"payload\":\"" + Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8)) + "\"}");
        assertThat(rvps.query("a")).contains(json("1"));
    }

    @Test
    void reRegistrationOverwrites() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(store);
        rvps.register(sampleMessage("{\"svn\":[\"1\"]}"));
        rvps.register(sampleMessage("{\"svn\":[\"2\",\"3\"]}"));
        assertThat(rvps.query("svn")).contains(json("[\"2\",\"3\"]"));
    }

    @Test
    void expiredValuesAreNeverReturnedButListedAsExpired() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(store);
        rvps.register(sampleMessage("{\"svn\":[\"1\"]}"));
        clock.set(Instant.parse("2027-10-14T07:27:59Z"));
        assertThat(rvps.query("svn")).isPresent();
        assertThat(rvps.list().get(0).isExpiredAt(rvps.now())).isFalse();
        clock.set(Instant.parse("2027-10-14T07:28:00Z"));
        assertThat(rvps.query("svn")).isEmpty();
        assertThat(rvps.get("svn")).isPresent();
        ReferenceValue listed = rvps.list().get(0);
        assertThat(listed.isExpiredAt(rvps.now())).isTrue();
        assertThat(listed.toListingJson(rvps.now()).get("expired").asBoolean()).isTrue();
        assertThat(listed.toListingJson(rvps.now()).at("/provenance/provider").asText()).isEqualTo("sample");
    }

    @Test
    void anExtractionWithItsOwnExpiryUsesIt() throws Exception {
        Instant layoutExpiry = Instant.parse("2026-12-01T00:00:00Z");
        ReferenceValueExtractor expiring = new FixedExtractor("fixed",
                new Extraction(Map.of("x", json("1")), Optional.of(layoutExpiry), List.of("k1"), List.of("careful")));
        BuiltinReferenceValueProvider rvps = BuiltinReferenceValueProvider.builder(store).extractor(expiring).clock(clock).build();
        Registration registration = rvps.submit("{\"type\":\"fixed\",\"payload\":\"\"}");
        assertThat(registration.expiration()).isEqualTo(layoutExpiry);
        assertThat(registration.warnings()).containsExactly("careful");
        assertThat(store.get("x").orElseThrow().provenance().signerKeyIds()).containsExactly("k1");
        clock.set(layoutExpiry);
        assertThat(rvps.query("x")).isEmpty();
    }

    @Test
    void aSourceThatHasAlreadyExpiredIsRefused() throws Exception {
        ReferenceValueExtractor stale = new FixedExtractor("fixed",
                new Extraction(Map.of("x", json("1")), Optional.of(NOW), List.of(), List.of()));
        BuiltinReferenceValueProvider rvps = BuiltinReferenceValueProvider.builder(store).extractor(stale).clock(clock).build();
        assertThatThrownBy(() -> rvps.register("{\"type\":\"fixed\",\"payload\":\"\"}"))
                .isInstanceOf(ProvenanceException.class).hasMessageContaining("expired");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void deleteRemovesAValue() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(store);
        rvps.register(sampleMessage("{\"svn\":[\"1\"],\"other\":2}"));
        assertThat(rvps.delete("svn")).isTrue();
        assertThat(rvps.query("svn")).isEmpty();
        assertThat(rvps.delete("svn")).isFalse();
        assertThat(rvps.query("other")).contains(json("2"));
    }

    @Test
    void malformedMessagesAreRefusedAndStoreNothing() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(store);
        for (String message : List.of("not json", "[]", "{\"version\":\"0.1.0\",\"type\":\"sample\"}",
                "{\"version\":\"0.2.0\",\"type\":\"sample\",\"payload\":\"e30=\"}",
                "{\"version\":1,\"type\":\"sample\",\"payload\":\"e30=\"}",
                "{\"version\":\"0.1.0\",\"payload\":\"e30=\"}",
                "{\"version\":\"0.1.0\",\"type\":\"sample\",\"payload\":\"e30=\"} trailing")) {
            assertThatThrownBy(() -> rvps.register(message)).as(message).isInstanceOf(InvalidMessageException.class);
        }
        assertThat(store.list()).isEmpty();
    }

    @Test
    void samplePayloadMustBeBase64OfAJsonObject() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(store);
        assertThatThrownBy(() -> rvps.register("{\"type\":\"sample\",\"payload\":\"!!!\"}"))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("not base64");
        assertThatThrownBy(() -> rvps.register("{\"type\":\"sample\",\"payload\":\"" + Base64.getEncoder().encodeToString("{x".getBytes(StandardCharsets.UTF_8)) + "\"}"))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> rvps.register(sampleMessage("[\"svn\"]")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("JSON object");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void unknownOrDisabledExtractorIsRefused() throws Exception {
        BuiltinReferenceValueProvider withoutSample = BuiltinReferenceValueProvider.builder(store).clock(clock).build();
        assertThat(withoutSample.extractorTypes()).isEmpty();
        assertThatThrownBy(() -> withoutSample.register(sampleMessage("{\"svn\":[\"1\"]}")))
                .isInstanceOf(UnsupportedExtractorException.class).hasMessageContaining("'sample'");
        assertThatThrownBy(() -> provider(store).register("{\"type\":\"swid\",\"payload\":\"\"}"))
                .isInstanceOf(UnsupportedExtractorException.class).hasMessageContaining("enabled: sample");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aNameThatCannotBeStoredRefusesTheWholeMessage() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(store);
        assertThatThrownBy(() -> rvps.register(sampleMessage("{\"svn\":[\"1\"],\"bad\\u0001name\":[\"x\"]}")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("bad\\x01name").hasMessageContaining("control");
        assertThatThrownBy(() -> rvps.register(sampleMessage("{\"svn\":[\"1\"],\"\":[\"x\"]}")))
                .isInstanceOf(InvalidMessageException.class).hasMessageContaining("empty");
        assertThat(rvps.query("svn")).isEmpty();
        // the recommended rvps:/// ids are fine with the SQL stores
        rvps.register(sampleMessage("{\"rvps:///a/b:tag\":[\"x\"]}"));
        assertThat(rvps.query("rvps:///a/b:tag")).contains(json("[\"x\"]"));
    }

    @Test
    void sqliteKeepsValuesAcrossInstances(@TempDir Path dir) throws Exception {
        try (BuiltinReferenceValueProvider rvps = provider(JdbcReferenceValueStore.sqlite(dir.resolve("rvps.sqlite")))) {
            rvps.register(sampleMessage("{\"svn\":[\"1\"],\"x/y\":2}"));
        }
        try (BuiltinReferenceValueProvider reopened = provider(JdbcReferenceValueStore.sqlite(dir.resolve("rvps.sqlite")))) {
            assertThat(reopened.query("svn")).contains(json("[\"1\"]"));
            assertThat(reopened.query("x/y")).contains(json("2"));
        }
    }

    @Test
    void queriedValuesAreCopies() throws Exception {
        BuiltinReferenceValueProvider rvps = provider(store);
        rvps.register(sampleMessage("{\"svn\":[\"1\"]}"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) rvps.query("svn").orElseThrow()).add("2");
        assertThat(rvps.query("svn")).contains(json("[\"1\"]"));
    }

    /** An extractor with a fixed outcome, to drive the service's own rules. */
    record FixedExtractor(String type, Extraction outcome) implements ReferenceValueExtractor {
        @Override
        public Extraction extract(String payload) {
            return outcome;
        }
    }
}
