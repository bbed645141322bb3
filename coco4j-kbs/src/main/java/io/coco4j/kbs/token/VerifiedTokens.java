package io.coco4j.kbs.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Attestation tokens that passed every check, by the SHA-256 of their text, each until a given
 * instant (its expiry plus leeway, or earlier when its signing certificate expires sooner). A guest
 * presents its token again within moments of the first time, so a small store suffices: once full,
 * the token remembered first makes room (its next request is verified in full again). Only the hash
 * and the instant are kept: the claims are read from the token again, so the store holds no trees
 * of claims that the garbage collector would copy while they last.
 */
final class VerifiedTokens {

    /** About 200 KB at most. */
    static final int DEFAULT_CAPACITY = 1_000;

    private final ConcurrentHashMap<String, Instant> entries = new ConcurrentHashMap<>();
    private final Queue<String> arrival = new ConcurrentLinkedQueue<>();
    private final int capacity;

    VerifiedTokens(int capacity) {
        this.capacity = capacity;
    }

    /** Whether the token whose {@link #key} this is was verified and is still within its time. */
    boolean contains(String key, Instant now) {
        Instant until = entries.get(key);
        if (until == null) {
            return false;
        }
        if (now.isAfter(until)) {
            entries.remove(key, until);
            return false;
        }
        return true;
    }

    /** Remembers a token that has just passed verification, until {@code until}. */
    void put(String key, Instant until, Instant now) {
        if (!now.isBefore(until)) {
            return;
        }
        if (entries.put(key, until) == null) {
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
