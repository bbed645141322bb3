package io.coco4j.kbs.session;

import io.coco4j.protocol.testing.TestRedis;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sessions in the Redis server of the test setup. */
class RedisSessionStoreTest extends SessionStoreContract {

    /** Each test's sessions and indexes under a keyspace of their own, so limits count only them. */
    private final String keyspace = "test_session_" + newId();

    @Override
    SessionStore openReplica() {
        return RedisSessionStore.connect(TestRedis.url(), keyspace);
    }

    @Test
    void sessionsExpireInRedisWithTheSession() throws Exception {
        store();
        RedisSessionStore store = RedisSessionStore.connect(TestRedis.url());
        try (RedisClient raw = RedisClient.create(URI.create(TestRedis.url()))) {
            String id = newId();
            Instant expires = Instant.now().plus(Duration.ofMinutes(5));
            store.put(authed(id, expires));
            long ttl = raw.pttl(RedisSessionStore.PREFIX + id);
            assertThat(ttl).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
            store.markAttested(id, "token", Instant.now());
            assertThat(raw.pttl(RedisSessionStore.PREFIX + id)).as("attesting keeps the expiry").isPositive().isLessThanOrEqualTo(ttl);

            String shortLived = newId();
            store.put(authed(shortLived, Instant.now().plusMillis(300)));
            Thread.sleep(600);
            assertThat(raw.exists(RedisSessionStore.PREFIX + shortLived)).as("Redis dropped the expired session").isFalse();
        } finally {
            store.close();
        }
    }

    @Test
    void anUnreachableServerFailsAtConnect() {
        assertThatThrownBy(() -> RedisSessionStore.connect("redis://127.0.0.1:1"))
                .isInstanceOf(SessionStoreException.class).hasMessageContaining("cannot reach Redis redis://127.0.0.1:1");
    }
}
