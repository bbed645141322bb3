package io.coco4j.kbs.session;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sessions in Redis or Valkey, shared by every replica: key {@code kbs_protocol_session:<id>} (the
 * reference's {@code <namespace>:<key>} layout), the session as JSON, expiring with the session
 * ({@code PXAT}). The Authed→Attested step runs as one server-side script that swaps the value
 * only if it is still the Authed one read, so two replicas attesting one session keep one token.
 * Two sorted sets index the sessions by expiry ({@code kbs_protocol_session_live}: all of them,
 * {@code kbs_protocol_session_authed}: those not attested yet), so that admitting a session under
 * {@code max_sessions}, evicting the oldest unattested one if need be, is one atomic script for
 * every replica together.
 */
public final class RedisSessionStore implements SessionStore {

    static final String KEYSPACE = "kbs_protocol_session";
    static final String PREFIX = KEYSPACE + ":";

    /**
     * Replaces KEYS[1] by ARGV[2], keeping its expiry, when it still holds ARGV[1], and takes id ARGV[3]
     * off the unattested index KEYS[2]; returns what KEYS[1] holds then.
     */
    private static final String COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1])
            if not current then return false end
            if current == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
              redis.call('ZREM', KEYS[2], ARGV[3])
              return ARGV[2]
            end
            return current
            """;

    /**
     * Stores KEYS[1] = ARGV[1] until ARGV[2] (epoch ms) and indexes id ARGV[3] in KEYS[2] (all) and, when
     * ARGV[4] is '1', in KEYS[3] (unattested).
     */
    private static final String PUT = """
            redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            if ARGV[4] == '1' then redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3]) end
            return 1
            """;

    /**
     * As PUT for a new unattested session, when fewer than ARGV[5] sessions are live at ARGV[4] (epoch ms);
     * when full, deletes the unattested session that expires first (key prefix ARGV[6]) and returns its id
     * if it expires by ARGV[7] (epoch ms: the new session's expiry less the eviction grace), and else
     * returns false without storing anything.
     */
    private static final String ADMIT = """
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', ARGV[4])
            local evicted = ''
            while redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[5]) do
              local oldest = redis.call('ZRANGE', KEYS[3], 0, 0, 'WITHSCORES')
              if #oldest == 0 or tonumber(oldest[2]) > tonumber(ARGV[7]) then return false end
              evicted = oldest[1]
              redis.call('ZREM', KEYS[3], evicted)
              redis.call('DEL', ARGV[6] .. evicted)
              redis.call('ZREM', KEYS[2], evicted)
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
            redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
            return evicted
            """;

    private final RedisClient redis;
    private final String description;
    private final String prefix;
    private final String liveIndex;
    private final String unattestedIndex;

    private RedisSessionStore(RedisClient redis, String description, String keyspace) {
        this.redis = redis;
        this.description = description;
        this.prefix = keyspace + ":";
        // no ':' in the index names, so no cookie value can name them as a session key
        this.liveIndex = keyspace + "_live";
        this.unattestedIndex = keyspace + "_authed";
    }

    /**
     * Connects and checks the server answers; a wrong address or password fails here, at start-up.
     *
     * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://…}
     */
    public static RedisSessionStore connect(String url) throws SessionStoreException {
        return connect(url, KEYSPACE);
    }

    /** As {@link #connect(String)}, with the keys below {@code keyspace} (tests keep theirs apart). */
    static RedisSessionStore connect(String url, String keyspace) throws SessionStoreException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SessionStoreException("the Redis URL is not a URL");
        }
        String description = "Redis " + uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
        RedisClient client;
        try {
            client = RedisClient.create(uri);
        } catch (JedisException | IllegalArgumentException e) {
            throw new SessionStoreException("cannot connect to " + description + ": " + e.getMessage(), e);
        }
        try {
            client.ping();
        } catch (JedisException e) {
            client.close();
            throw new SessionStoreException("cannot reach " + description + ": " + rootMessage(e), e);
        }
        return new RedisSessionStore(client, description, keyspace);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : e.getMessage() + " (" + root.getMessage() + ")";
    }

    public String describe() {
        return description;
    }

    @Override
    public boolean isReachable() {
        try {
            return "PONG".equalsIgnoreCase(redis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    private String key(String id) {
        return prefix + id;
    }

    private static String text(Session session) {
        return new String(SessionCodec.encode(session), StandardCharsets.UTF_8);
    }

    @Override
    public void put(Session session) {
        try {
            redis.eval(PUT, List.of(key(session.id()), liveIndex, unattestedIndex), List.of(text(session),
                    Long.toString(session.expiresAt().toEpochMilli()), session.id(), session.isAttested() ? "0" : "1"));
        } catch (JedisException e) {
            throw new SessionStoreException("cannot store a session in " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Admission admit(Session session, int maxSessions, Instant now) {
        Object result;
        try {
            result = redis.eval(ADMIT, List.of(key(session.id()), liveIndex, unattestedIndex), List.of(text(session),
                    Long.toString(session.expiresAt().toEpochMilli()), session.id(), Long.toString(now.toEpochMilli()),
                    Integer.toString(maxSessions), prefix,
                    Long.toString(session.expiresAt().minus(SessionStore.EVICTION_GRACE).toEpochMilli())));
        } catch (JedisException e) {
            throw new SessionStoreException("cannot admit a session in " + description + ": " + e.getMessage(), e);
        }
        if (result == null) {
            return Admission.full();
        }
        String evicted = result instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : result.toString();
        return evicted.isEmpty() ? Admission.admitted() : Admission.evicting(evicted);
    }

    private Optional<String> read(String id) {
        try {
            return Optional.ofNullable(redis.get(key(id)));
        } catch (JedisException e) {
            throw new SessionStoreException("cannot read a session from " + description + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Session> get(String id, Instant now) {
        Optional<String> stored = read(id);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Session session = SessionCodec.decode(id, stored.get().getBytes(StandardCharsets.UTF_8));
        // Redis expires the key itself; this replica's clock decides too, as for the other stores
        return session.isExpired(now) ? Optional.empty() : Optional.of(session);
    }

    @Override
    public Optional<Session> markAttested(String id, String token, Instant now) {
        for (int attempt = 0; attempt < 16; attempt++) {
            Optional<String> stored = read(id);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            Session current = SessionCodec.decode(id, stored.get().getBytes(StandardCharsets.UTF_8));
            if (current.isExpired(now)) {
                return Optional.empty();
            }
            if (current.isAttested()) {
                return Optional.of(current);
            }
            String attested = text(current.attested(token));
            Object result;
            try {
                result = redis.eval(COMPARE_AND_SET, List.of(key(id), unattestedIndex), List.of(stored.get(), attested, id));
            } catch (JedisException e) {
                throw new SessionStoreException("cannot update a session in " + description + ": " + e.getMessage(), e);
            }
            if (result == null) {
                return Optional.empty(); // expired or deleted in between
            }
            String held = result instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : result.toString();
            Session after = SessionCodec.decode(id, held.getBytes(StandardCharsets.UTF_8));
            if (after.isAttested()) {
                return Optional.of(after); // ours, or the token of a replica that won
            }
            // changed to another Authed value (a retried /auth cannot reuse an id, so rare): read again
        }
        throw new SessionStoreException("a session keeps changing under concurrent updates");
    }

    @Override
    public int removeExpired(Instant now) {
        return 0; // Redis expires sessions itself
    }

    @Override
    public void close() {
        redis.close();
    }
}
