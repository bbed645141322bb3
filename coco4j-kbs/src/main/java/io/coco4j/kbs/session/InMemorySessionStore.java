package io.coco4j.kbs.session;

import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Clock;

/**
 * The default session store: process memory, swept for expired sessions every 60 s as the reference does.
 *
 * <p>Admission under {@code max_sessions} must stay cheap when the store is full (a flood of
 * {@code /auth} is exactly when it is), so sessions are also kept in two queues of ids in the order
 * they came: all of them (sessions share one lifetime, so that is also the order they expire in) and
 * those not attested yet. Ids of sessions that are gone or attested leave from the head of a queue,
 * and never come back, so each admission costs amortised constant time instead of a scan.
 */
public final class InMemorySessionStore implements SessionStore {

    private static final long SWEEP_SECONDS = 60;

    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Queue<String> byAge = new ConcurrentLinkedQueue<>();
    private final Queue<String> unattested = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService sweeper;

    public InMemorySessionStore(Clock clock) {
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "kbs-session-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleAtFixedRate(() -> removeExpired(clock.instant()), SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void put(Session session) {
        sessions.put(session.id(), session);
        enqueue(session);
    }

    private void enqueue(Session session) {
        byAge.add(session.id());
        if (!session.isAttested()) {
            unattested.add(session.id());
        }
    }

    @Override
    public synchronized Admission admit(Session session, int maxSessions, Instant now) {
        if (sessions.size() >= maxSessions) {
            dropExpiredOldest(now);
        }
        Optional<String> evicted = Optional.empty();
        while (sessions.size() >= maxSessions) {
            String id = unattested.peek();
            if (id == null) {
                return Admission.full();
            }
            Session oldest = sessions.get(id);
            if (oldest == null || oldest.isAttested()) {
                unattested.poll();
                continue;
            }
            if (!SessionStore.evictableFor(oldest, session)) {
                return Admission.full();
            }
            unattested.poll();
            // removed only if unchanged: a session that attested meanwhile stays
            if (sessions.remove(id, oldest)) {
                evicted = Optional.of(id);
            }
        }
        sessions.put(session.id(), session);
        enqueue(session);
        return evicted.map(Admission::evicting).orElseGet(Admission::admitted);
    }

    /** Removes expired sessions from the oldest on, stopping at the first live one (the sweep finds any other). */
    private void dropExpiredOldest(Instant now) {
        for (String id = byAge.peek(); id != null; id = byAge.peek()) {
            Session oldest = sessions.get(id);
            if (oldest != null && !oldest.isExpired(now)) {
                return;
            }
            if (oldest != null) {
                sessions.remove(id, oldest);
            }
            byAge.poll();
        }
    }

    /** Lets the unattested queue's head go where its sessions are gone or attested. */
    private void trimUnattested() {
        for (String id = unattested.peek(); id != null; id = unattested.peek()) {
            Session session = sessions.get(id);
            if (session != null && !session.isAttested()) {
                return;
            }
            unattested.poll();
        }
    }

    @Override
    public Optional<Session> get(String id, Instant now) {
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        if (session.isExpired(now)) {
            sessions.remove(id, session);
            return Optional.empty();
        }
        return Optional.of(session);
    }

    @Override
    public Optional<Session> markAttested(String id, String token, Instant now) {
        Session updated = sessions.computeIfPresent(id, (key, current) -> {
            if (current.isExpired(now)) {
                return null;
            }
            return current.isAttested() ? current : current.attested(token);
        });
        return Optional.ofNullable(updated);
    }

    @Override
    public int removeExpired(Instant now) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.isExpired(now));
        synchronized (this) {
            dropExpiredOldest(now);
            trimUnattested();
        }
        return before - sessions.size();
    }

    /** Number of live sessions (for metrics and tests). */
    public int size() {
        return sessions.size();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
