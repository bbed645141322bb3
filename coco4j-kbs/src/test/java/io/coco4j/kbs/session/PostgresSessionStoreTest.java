package io.coco4j.kbs.session;

import io.coco4j.protocol.testing.TestPostgres;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.sql.PostgresConnection;
import io.coco4j.storage.sql.SqlStorage;
import org.junit.jupiter.api.AfterEach;

import java.time.Clock;
import java.util.Optional;

/** Sessions at rest in PostgreSQL, as replicas sharing a database keep them. */
class PostgresSessionStoreTest extends SessionStoreContract {

    private TestPostgres.Database database;

    @Override
    SessionStore openReplica() throws Exception {
        if (database == null) {
            database = TestPostgres.freshSchema();
        }
        SqlStorage storage = SqlStorage.postgres(new PostgresConnection(database.jdbcUrl(), database.user(),
                Optional.of(database.password()), 4));
        return new KeyValueSessionStore(storage.namespace(Namespace.KBS_PROTOCOL_SESSION), Clock.systemUTC(), storage);
    }

    @AfterEach
    void drop() {
        if (database != null) {
            TestPostgres.drop(database);
        }
    }
}
