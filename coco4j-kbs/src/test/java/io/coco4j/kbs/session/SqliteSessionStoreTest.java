package io.coco4j.kbs.session;

import io.coco4j.storage.Namespace;
import io.coco4j.storage.sql.SqlStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions in the embedded SQLite file; two stores on one file stand for two processes. */
class SqliteSessionStoreTest extends SessionStoreContract {

    @TempDir
    Path dir;

    @Override
    SessionStore openReplica() throws Exception {
        SqlStorage storage = SqlStorage.sqlite(dir.resolve("sessions.sqlite"));
        return new KeyValueSessionStore(storage.namespace(Namespace.KBS_PROTOCOL_SESSION), Clock.systemUTC(), storage);
    }

    @Test
    void theSweepDeletesExpiredSessionsOnly() throws Exception {
        SessionStore store = store();
        Instant now = Instant.now();
        String expired = newId();
        String live = newId();
        store.put(authed(expired, now.minusSeconds(1)));
        store.put(authed(live, now.plus(Duration.ofMinutes(5))));
        assertThat(store.removeExpired(now)).isEqualTo(1);
        assertThat(store.get(live, now)).isPresent();
    }
}
