package io.coco4j.rvps;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.coco4j.protocol.json.Json;
import io.coco4j.rvps.store.ReferenceValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The RVPS: verifies registration messages with the extractor their {@code type} names, stores the
 * values with their provenance, and answers queries. A value is valid until the expiration its source
 * sets (an in-toto layout's expiry) or else for twelve months; expired values are never returned by
 * {@link #query}, and {@link #list} shows them marked. Registration of a message is all or nothing:
 * every value is extracted and checked first, then stored in one transaction.
 */
public final class BuiltinReferenceValueProvider implements ReferenceValueProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BuiltinReferenceValueProvider.class);
    /** How long a value from a source without its own expiry stays valid (the reference's twelve months). */
    public static final Period DEFAULT_VALIDITY = Period.ofMonths(12);
    /** Longest name accepted (the stores' column width). */
    public static final int MAX_NAME_LENGTH = 1024;
    private static final ObjectReader STRICT_JSON = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ReferenceValueStore store;
    private final Map<String, ReferenceValueExtractor> extractors;
    private final Clock clock;

    private BuiltinReferenceValueProvider(ReferenceValueStore store, Map<String, ReferenceValueExtractor> extractors, Clock clock) {
        this.store = store;
        this.extractors = Map.copyOf(extractors);
        this.clock = clock;
    }

    public static Builder builder(ReferenceValueStore store) {
        return new Builder(store);
    }

    /** The message types this provider accepts. */
    public List<String> extractorTypes() {
        return extractors.keySet().stream().sorted().toList();
    }

    /** Where the values are kept, for the start-up log. */
    public String describeStore() {
        return store.describe();
    }

    /** The clock deciding expiry (listings mark values expired by it). */
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Optional<JsonNode> query(String name) throws RvpsException {
        if (name == null || checkName(name).isPresent()) {
            return Optional.empty(); // such a name can never have been registered
        }
        Optional<ReferenceValue> stored = store.get(name);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (stored.get().isExpiredAt(clock.instant())) {
            LOG.debug("reference value '{}' expired at {}", name, stored.get().expiration());
            return Optional.empty();
        }
        return Optional.of(stored.get().value());
    }

    /** The stored value with its provenance, expired or not. */
    public Optional<ReferenceValue> get(String name) throws RvpsException {
        if (name == null || checkName(name).isPresent()) {
            return Optional.empty();
        }
        return store.get(name);
    }

    /** Every stored value, expired ones included (see {@link ReferenceValue#isExpiredAt}), by name. */
    public List<ReferenceValue> list() throws RvpsException {
        return store.list();
    }

    /** Removes a value; false when there was none. */
    public boolean delete(String name) throws RvpsException {
        if (name == null || checkName(name).isPresent()) {
            return false;
        }
        boolean deleted = store.delete(name);
        if (deleted) {
            LOG.info("deleted reference value '{}'", name);
        }
        return deleted;
    }

    @Override
    public void register(String messageJson) throws RvpsException {
        submit(messageJson);
    }

    /** Registers a message and reports what it registered. */
    public Registration submit(String messageJson) throws RvpsException {
        Message message = Message.parse(messageJson);
        ReferenceValueExtractor extractor = extractors.get(message.type());
        if (extractor == null) {
            throw new UnsupportedExtractorException("reference value type '" + printable(message.type()) + "' is not supported or not enabled"
                    + (extractors.isEmpty() ? " (no extractor is enabled)" : " (enabled: " + String.join(", ", extractorTypes()) + ")"));
        }
        Extraction extraction = extractor.extract(message.payload());

        Instant now = clock.instant();
        Instant expiration = extraction.expiration().orElseGet(() -> now.atZone(ZoneOffset.UTC).plus(DEFAULT_VALIDITY).toInstant());
        if (!now.isBefore(expiration)) {
            throw new ProvenanceException("the " + message.type() + " source expired at " + ReferenceValue.format(expiration));
        }
        Provenance provenance = new Provenance(message.type(), "sha256:" + sha256Hex(message.payload()), extraction.signerKeyIds(), now);
        List<ReferenceValue> values = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : extraction.values().entrySet()) {
            Optional<String> problem = checkName(entry.getKey());
            if (problem.isPresent()) {
                throw new InvalidMessageException("reference value name '" + printable(entry.getKey()) + "' " + problem.get());
            }
            values.add(new ReferenceValue(entry.getKey(), entry.getValue(), ReferenceValue.VERSION, expiration, provenance));
        }
        store.putAll(values);
        List<String> names = values.stream().map(ReferenceValue::name).toList();
        for (String warning : extraction.warnings()) {
            LOG.warn("{} registration: {}", message.type(), warning);
        }
        LOG.info("registered {} reference value(s) from a '{}' message, valid until {}: {}", names.size(), message.type(),
                ReferenceValue.format(expiration), names);
        return new Registration(message.type(), names, expiration, extraction.warnings());
    }

    /** Why a name cannot be stored, if it cannot: names are non-empty printable text of bounded length. */
    private static Optional<String> checkName(String name) {
        if (name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return Optional.of("is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (name.codePoints().anyMatch(cp -> Character.isISOControl(cp) || !Character.isDefined(cp))) {
            return Optional.of("contains control characters");
        }
        return Optional.empty();
    }

    private static String sha256Hex(String payload) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(80).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return text.length() > 80 ? out + "…" : out.toString();
    }

    @Override
    public void close() {
        store.close();
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

    /** Assembles a provider over a store; no extractor is enabled unless added. */
    public static final class Builder {
        private final ReferenceValueStore store;
        private final Map<String, ReferenceValueExtractor> extractors = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder(ReferenceValueStore store) {
            if (store == null) {
                throw new IllegalArgumentException("reference value store is required");
            }
            this.store = store;
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

        public BuiltinReferenceValueProvider build() {
            return new BuiltinReferenceValueProvider(store, extractors, clock);
        }
    }
}
