package io.coco4j.kbs.session;

import java.time.Instant;
import java.util.Optional;

/** Where RCAR sessions live between {@code /auth}, {@code /attest} and resource requests. */
public interface SessionStore extends AutoCloseable {

    void put(Session session);

    /**
     * Stores a new session unless {@code maxSessions} unexpired sessions exist already. When full, the
     * session with the earliest expiry that has not attested yet (the oldest, as every session lives
     * equally long) is deleted to make room; when every session has attested, nothing is stored.
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
