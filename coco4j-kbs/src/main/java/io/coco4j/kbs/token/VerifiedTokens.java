package io.coco4j.kbs.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Attestation tokens that passed every check, by the SHA-256 of their text, each until a given
 * instant (its expiry plus leeway, or earlier when its signing certificate expires sooner). Bounded:
 * once full, expired entries are swept (at most once a second) and new tokens are verified but not
 * remembered until there is room again. Callers get a copy of the claims, never the cached node,
 * and hand over a node nobody else holds.
 */
final class VerifiedTokens {

    static final int DEFAULT_CAPACITY = 10_000;
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private record Entry(JsonNode claims, Instant until) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private volatile Instant lastSweep = Instant.MIN;

    VerifiedTokens(int capacity) {
        this.capacity = capacity;
    }

    /** The claims of {@code token} if it was verified and is still within its time. */
    Optional<JsonNode> get(String token, Instant now) {
        String key = digest(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (now.isAfter(entry.until())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.claims().deepCopy());
    }

    /** Remembers a token that has just passed verification; {@code claims} is kept as it is, not copied. */
    void put(String token, JsonNode claims, Instant until, Instant now) {
        if (!now.isBefore(until)) {
            return;
        }
        if (entries.size() >= capacity) {
            sweep(now);
            if (entries.size() >= capacity) {
                return;
            }
        }
        entries.put(digest(token), new Entry(claims, until));
    }

    int size() {
        return entries.size();
    }

    private void sweep(Instant now) {
        if (now.isBefore(lastSweep.plus(SWEEP_INTERVAL))) {
            return;
        }
        lastSweep = now;
        entries.values().removeIf(entry -> now.isAfter(entry.until()));
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
