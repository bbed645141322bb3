package io.coco4j.kbs.token;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Attestation tokens that passed every check, by the SHA-256 of their text, each until a given
 * instant (its expiry plus leeway, or earlier when its signing certificate expires sooner). A guest
 * presents its token again within moments of the first time, so a small store suffices: once full,
 * the token remembered first makes room (its next request is verified in full again). Callers get a
 * copy of the claims, never the cached node, and hand over a node nobody else holds.
 */
final class VerifiedTokens {

    /** About 4 MB of claims at most. */
    static final int DEFAULT_CAPACITY = 1_000;

    private record Entry(JsonNode claims, Instant until) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Queue<String> arrival = new ConcurrentLinkedQueue<>();
    private final int capacity;

    VerifiedTokens(int capacity) {
        this.capacity = capacity;
    }

    /** The claims of the token whose {@link #key} this is, if it was verified and is still within its time. */
    Optional<JsonNode> get(String key, Instant now) {
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
    void put(String key, JsonNode claims, Instant until, Instant now) {
        if (!now.isBefore(until)) {
            return;
        }
        if (entries.put(key, new Entry(claims, until)) == null) {
            arrival.add(key);
        }
        while (entries.size() > capacity) {
            String oldest = arrival.poll();
            if (oldest == null) {
                break;
            }
            entries.remove(oldest);
        }
    }

    int size() {
        return entries.size();
    }

    /** What a token is remembered by: the SHA-256 of its text, computed once per request. */
    static String key(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
