package io.coco4j.kbs.session;

import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sessions in a storage namespace ({@code kbs_protocol_session}) of any back-end, e.g. PostgreSQL
 * shared by replicas. The Authed→Attested step is a compare-and-set on the stored bytes, so of two
 * replicas attesting one session at once exactly one token is kept. Expired sessions are deleted
 * on access and by a sweep every 60 s.
 */
public final class KeyValueSessionStore implements SessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(KeyValueSessionStore.class);
    private static final long SWEEP_SECONDS = 60;

    private final KeyValueStore store;
    private final AutoCloseable owned;
    private final ScheduledExecutorService sweeper;

    /** Sessions in {@code store}; {@code owned} (may be null) is closed with this store. */
    public KeyValueSessionStore(KeyValueStore store, Clock clock, AutoCloseable owned) {
        this.store = store;
        this.owned = owned;
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kbs-session-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleAtFixedRate(() -> {
            try {
                removeExpired(clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("session sweep failed: {}", e.getMessage());
            }
        }, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void put(Session session) {
        try {
            store.put(session.id(), SessionCodec.encode(session));
        } catch (StorageException e) {
            throw new SessionStoreException("cannot store a session: " + e.getMessage(), e);
        }
    }

    /**
     * Counts with the back-end's own count; only a full store pays for reading every session to
     * find the oldest unattested one. Replicas count independently, so under a burst spread over
     * several replicas the limit can be passed by a few sessions.
     */
    @Override
    public synchronized Admission admit(Session session, int maxSessions, Instant now) {
        try {
            if (store.size() >= maxSessions) {
                removeExpired(now);
            }
            Optional<String> evicted = Optional.empty();
            while (store.size() >= maxSessions) {
                Optional<Session> oldest = oldestUnattested();
                if (oldest.isEmpty() || !SessionStore.evictableFor(oldest.get(), session)) {
                    return Admission.full();
                }
                if (store.delete(oldest.get().id())) {
                    evicted = Optional.of(oldest.get().id());
                }
            }
            store.put(session.id(), SessionCodec.encode(session));
            return evicted.map(Admission::evicting).orElseGet(Admission::admitted);
        } catch (StorageException e) {
            throw new SessionStoreException("cannot admit a new session: " + e.getMessage(), e);
        }
    }

    private Optional<Session> oldestUnattested() throws StorageException {
        Session oldest = null;
        for (String id : store.keys()) {
            Optional<byte[]> stored = store.get(id);
            if (stored.isEmpty()) {
                continue;
            }
            Session candidate;
            try {
                candidate = SessionCodec.decode(id, stored.get());
            } catch (SessionStoreException e) {
                continue; // corrupt: the sweep removes it
            }
            if (!candidate.isAttested() && (oldest == null || candidate.expiresAt().isBefore(oldest.expiresAt()))) {
                oldest = candidate;
            }
        }
        return Optional.ofNullable(oldest);
    }

    private Optional<byte[]> read(String id) {
        try {
            return store.get(id);
        } catch (io.coco4j.storage.InvalidKeyException e) {
            return Optional.empty(); // a cookie that cannot be a session id names no session
        } catch (StorageException e) {
            throw new SessionStoreException("cannot read a session: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Session> get(String id, Instant now) {
        Optional<byte[]> stored = read(id);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Session session = SessionCodec.decode(id, stored.get());
        if (session.isExpired(now)) {
            delete(id);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    @Override
    public Optional<Session> markAttested(String id, String token, Instant now) {
        for (int attempt = 0; attempt < 16; attempt++) {
            Optional<byte[]> stored = read(id);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            Session current = SessionCodec.decode(id, stored.get());
            if (current.isExpired(now)) {
                delete(id);
                return Optional.empty();
            }
            if (current.isAttested()) {
                return Optional.of(current);
            }
            Session attested = current.attested(token);
            try {
                if (store.replace(id, stored.get(), SessionCodec.encode(attested))) {
                    return Optional.of(attested);
                }
            } catch (StorageException e) {
                throw new SessionStoreException("cannot update a session: " + e.getMessage(), e);
            }
            // another replica changed the session in between: read what it stored and decide again
        }
        throw new SessionStoreException("a session keeps changing under concurrent updates");
    }

    @Override
    public int removeExpired(Instant now) {
        int removed = 0;
        try {
            for (String id : store.keys()) {
                Optional<byte[]> stored = store.get(id);
                // an expired session never becomes valid again, and an id is never reused
                if (stored.isPresent() && expired(id, stored.get(), now) && store.delete(id)) {
                    removed++;
                }
            }
        } catch (StorageException e) {
            throw new SessionStoreException("cannot sweep expired sessions: " + e.getMessage(), e);
        }
        return removed;
    }

    private static boolean expired(String id, byte[] stored, Instant now) {
        try {
            return SessionCodec.decode(id, stored).isExpired(now);
        } catch (SessionStoreException e) {
            return true; // corrupt: nothing can use it
        }
    }

    private void delete(String id) {
        try {
            store.delete(id);
        } catch (StorageException e) {
            throw new SessionStoreException("cannot delete a session: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isReachable() {
        try {
            store.get("readiness-probe");
            return true;
        } catch (StorageException e) {
            return false;
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                LOG.warn("closing the session storage failed: {}", e.getMessage());
            }
        }
    }
}
