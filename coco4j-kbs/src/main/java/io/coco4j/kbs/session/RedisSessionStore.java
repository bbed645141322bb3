package io.coco4j.kbs.session;

import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

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
 */
public final class RedisSessionStore implements SessionStore {

    static final String PREFIX = "kbs_protocol_session:";

    /** Replaces KEYS[1] by ARGV[2], keeping its expiry, when it still holds ARGV[1]; returns what it holds then. */
    private static final String COMPARE_AND_SET = """
            local current = redis.call('GET', KEYS[1])
            if not current then return false end
            if current == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
              return ARGV[2]
            end
            return current
            """;

    private final RedisClient redis;
    private final String description;

    private RedisSessionStore(RedisClient redis, String description) {
        this.redis = redis;
        this.description = description;
    }

    /**
     * Connects and checks the server answers; a wrong address or password fails here, at start-up.
     *
     * @param url {@code redis://[user:password@]host:port[/db]} or {@code rediss://…}
     */
    public static RedisSessionStore connect(String url) throws SessionStoreException {
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
        return new RedisSessionStore(client, description);
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

    private static String key(String id) {
        return PREFIX + id;
    }

    private static String text(Session session) {
        return new String(SessionCodec.encode(session), StandardCharsets.UTF_8);
    }

    @Override
    public void put(Session session) {
        try {
            redis.set(key(session.id()), text(session), SetParams.setParams().pxAt(session.expiresAt().toEpochMilli()));
        } catch (JedisException e) {
            throw new SessionStoreException("cannot store session " + session.id() + " in " + description + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> read(String id) {
        try {
            return Optional.ofNullable(redis.get(key(id)));
        } catch (JedisException e) {
            throw new SessionStoreException("cannot read session " + id + " from " + description + ": " + e.getMessage(), e);
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
                result = redis.eval(COMPARE_AND_SET, List.of(key(id)), List.of(stored.get(), attested));
            } catch (JedisException e) {
                throw new SessionStoreException("cannot update session " + id + " in " + description + ": " + e.getMessage(), e);
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
        throw new SessionStoreException("session " + id + " keeps changing under concurrent updates");
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
