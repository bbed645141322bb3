package io.coco4j.kbs.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Where RCAR sessions live between {@code /auth}, {@code /attest} and resource requests. */
public interface SessionStore extends AutoCloseable {

    /**
     * How much older than a new session an unattested one must be to be evicted for it. A younger one
     * most likely belongs to a guest still producing its evidence: evicting those under a legitimate
     * overload would fail every guest in turn (each {@code /auth} pushing out one in flight), where
     * refusing the newcomer lets those in flight finish.
     */
    Duration EVICTION_GRACE = Duration.ofSeconds(10);

    /** Whether {@code oldest} may be evicted to admit {@code newcomer} (sessions share one lifetime, so expiry orders them by age). */
    static boolean evictableFor(Session oldest, Session newcomer) {
        return !oldest.expiresAt().plus(EVICTION_GRACE).isAfter(newcomer.expiresAt());
    }

    void put(Session session);

    /**
     * Stores a new session unless {@code maxSessions} unexpired sessions exist already. When full, the
     * session with the earliest expiry that has not attested yet (the oldest, as every session lives
     * equally long) is deleted to make room if it is at least {@link #EVICTION_GRACE} older than the
     * new one; when there is none such, nothing is stored.
     * Shared stores keep the count across replicas ({@code Redis} exactly, SQL stores approximately).
     */
    Admission admit(Session session, int maxSessions, Instant now);

    /** The unexpired session with this id; an expired one is deleted and reported absent. */
    Optional<Session> get(String id, Instant now);

    /**
     * Records the token of a session that is still {@code Authed}. Returns the session as stored
     * afterwards: when a concurrent attest won, its token is kept.
     */
    Optional<Session> markAttested(String id, String token, Instant now);

    /** Deletes every session expired at {@code now}; returns how many. */
    int removeExpired(Instant now);

    /** Whether the store answers now (for readiness checks); the in-memory store always does. */
    default boolean isReachable() {
        return true;
    }

    @Override
    default void close() {
    }
}
