package io.coco4j.rvps;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.coco4j.protocol.json.Json;
import io.coco4j.storage.InvalidKeyException;
import io.coco4j.storage.KeyRules;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RVPS built into the Attestation Service: reference values stored one per name in the storage
 * namespace {@code reference_value}, in the reference's stored form. A value is valid for twelve
 * months after registration; expired values are never returned. Registration of a message is all or
 * nothing: every value is extracted and checked before the first write, and a write failure restores
 * what the earlier writes of the same message replaced.
 */
public final class BuiltinReferenceValueProvider implements ReferenceValueProvider {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinReferenceValueProvider.class);
    /** How long a registered value stays valid (the reference's twelve months). */
    public static final Period VALIDITY = Period.ofMonths(12);
    private static final ObjectReader STRICT_JSON = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final KeyValueStore store;
    private final Map<String, ReferenceValueExtractor> extractors;
    private final Clock clock;

    private BuiltinReferenceValueProvider(KeyValueStore store, Map<String, ReferenceValueExtractor> extractors, Clock clock) {
        this.store = store;
        this.extractors = Map.copyOf(extractors);
        this.clock = clock;
    }

    public static Builder builder(StorageBackend storage) {
        return new Builder(storage);
    }

    /** The message types this provider accepts. */
    public List<String> extractorTypes() {
        return extractors.keySet().stream().sorted().toList();
    }

    @Override
    public Optional<JsonNode> query(String name) throws RvpsException {
        if (name == null || !isStorableName(name)) {
            return Optional.empty(); // such a name can never have been registered
        }
        Optional<byte[]> stored;
        try {
            stored = store.get(name);
        } catch (StorageException e) {
            throw new ReferenceValueStoreException("cannot read reference value '" + name + "': " + e.getMessage(), e);
        }
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        ReferenceValue value;
        try {
            value = ReferenceValue.fromJson(STRICT_JSON.readTree(stored.get()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ReferenceValueStoreException("stored reference value '" + name + "' is corrupt: " + e.getMessage(), e);
        }
        if (value.isExpiredAt(clock.instant())) {
            LOG.debug("reference value '{}' expired at {}", name, value.expiration());
            return Optional.empty();
        }
        return Optional.of(value.value());
    }

    @Override
    public synchronized void register(String messageJson) throws RvpsException {
        Message message = Message.parse(messageJson);
        ReferenceValueExtractor extractor = extractors.get(message.type());
        if (extractor == null) {
            throw new UnsupportedExtractorException("reference value type '" + message.type() + "' is not supported or not enabled"
                    + (extractors.isEmpty() ? " (no extractor is enabled)" : " (enabled: " + String.join(", ", extractorTypes()) + ")"));
        }
        Map<String, JsonNode> extracted = extractor.extract(message.payload());

        Instant now = clock.instant();
        Instant expiration = now.atZone(ZoneOffset.UTC).plus(VALIDITY).toInstant();
        Map<String, byte[]> pending = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : extracted.entrySet()) {
            String name = entry.getKey();
            if (!isStorableName(name)) {
                throw new InvalidMessageException("reference value name '" + printable(name)
                        + "' cannot be stored: use only letters, digits and . _ / -");
            }
            ReferenceValue value = new ReferenceValue(ReferenceValue.VERSION, name, expiration, entry.getValue());
            pending.put(name, Json.writeBytes(value.toJson()));
        }
        writeAll(pending);
        LOG.info("registered {} reference value(s) from a '{}' message: {}", pending.size(), message.type(), pending.keySet());
    }

    private void writeAll(Map<String, byte[]> pending) throws ReferenceValueStoreException {
        Map<String, Optional<byte[]>> previous = new LinkedHashMap<>();
        List<String> written = new ArrayList<>();
        try {
            for (String name : pending.keySet()) {
                previous.put(name, store.get(name));
            }
            for (Map.Entry<String, byte[]> entry : pending.entrySet()) {
                store.put(entry.getKey(), entry.getValue());
                written.add(entry.getKey());
            }
        } catch (StorageException e) {
            restore(written, previous);
            throw new ReferenceValueStoreException("cannot store reference values, nothing registered: " + e.getMessage(), e);
        }
    }

    private void restore(List<String> written, Map<String, Optional<byte[]>> previous) {
        for (String name : written) {
            try {
                Optional<byte[]> old = previous.get(name);
                if (old.isPresent()) {
                    store.put(name, old.get());
                } else {
                    store.delete(name);
                }
            } catch (StorageException e) {
                LOG.error("cannot roll back reference value '{}' after a failed registration: {}", name, e.getMessage());
            }
        }
    }

    /** Names must be keys every persistent backend accepts, so a store behaves the same on each. */
    private static boolean isStorableName(String name) {
        try {
            KeyRules.checkPersistentKey(name);
            return true;
        } catch (InvalidKeyException e) {
            return false;
        }
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(80).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /** The registration message {@code {"version","type","payload"}}; {@code version} defaults to 0.1.0 and must be it. */
    record Message(String version, String type, String payload) {

        static Message parse(String json) throws InvalidMessageException {
            if (json == null) {
                throw new InvalidMessageException("reference value message is missing");
            }
            JsonNode node;
            try {
                node = STRICT_JSON.readTree(json);
            } catch (IOException e) {
                throw new InvalidMessageException("reference value message is not JSON");
            }
            if (node == null || !node.isObject()) {
                throw new InvalidMessageException("reference value message is not a JSON object");
            }
            JsonNode version = node.get("version");
            JsonNode type = node.get("type");
            JsonNode payload = node.get("payload");
            if (version != null && !version.isTextual()) {
                throw new InvalidMessageException("reference value message version is not a string");
            }
            String versionText = version == null ? ReferenceValue.VERSION : version.textValue();
            if (!ReferenceValue.VERSION.equals(versionText)) {
                throw new InvalidMessageException("reference value message version '" + printable(versionText)
                        + "' is not supported (expected " + ReferenceValue.VERSION + ")");
            }
            if (type == null || !type.isTextual()) {
                throw new InvalidMessageException("reference value message has no type");
            }
            if (payload == null || !payload.isTextual()) {
                throw new InvalidMessageException("reference value message has no payload string");
            }
            return new Message(versionText, type.textValue(), payload.textValue());
        }
    }

    /** Assembles a provider over a storage backend; no extractor is enabled unless added. */
    public static final class Builder {
        private final StorageBackend storage;
        private final Map<String, ReferenceValueExtractor> extractors = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder(StorageBackend storage) {
            if (storage == null) {
                throw new IllegalArgumentException("storage backend is required");
            }
            this.storage = storage;
        }

        public Builder extractor(ReferenceValueExtractor extractor) {
            if (extractors.putIfAbsent(extractor.type(), extractor) != null) {
                throw new IllegalStateException("an extractor for type '" + extractor.type() + "' is already registered");
            }
            return this;
        }

        /** The clock for registration times and expiry checks (tests move it). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public BuiltinReferenceValueProvider build() throws StorageException {
            return new BuiltinReferenceValueProvider(storage.namespace(Namespace.REFERENCE_VALUE), extractors, clock);
        }
    }
}
