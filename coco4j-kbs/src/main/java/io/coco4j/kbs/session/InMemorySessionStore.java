package io.coco4j.kbs.session;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.time.Clock;

/** The default session store: process memory, swept for expired sessions every 60 s as the reference does. */
public final class InMemorySessionStore implements SessionStore {

    private static final long SWEEP_SECONDS = 60;

    private final ConcurrentMap<String, Session> sessions = new ConcurrentHashMap<>();
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
    }

    @Override
    public synchronized Admission admit(Session session, int maxSessions, Instant now) {
        if (sessions.size() >= maxSessions) {
            removeExpired(now);
        }
        Optional<String> evicted = Optional.empty();
        while (sessions.size() >= maxSessions) {
            Optional<Session> oldest = sessions.values().stream().filter(s -> !s.isAttested())
                    .min(Comparator.comparing(Session::expiresAt));
            if (oldest.isEmpty()) {
                return Admission.full();
            }
            // removed only if unchanged: a session that attested meanwhile stays
            if (sessions.remove(oldest.get().id(), oldest.get())) {
                evicted = Optional.of(oldest.get().id());
            }
        }
        sessions.put(session.id(), session);
        return evicted.map(Admission::evicting).orElseGet(Admission::admitted);
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
