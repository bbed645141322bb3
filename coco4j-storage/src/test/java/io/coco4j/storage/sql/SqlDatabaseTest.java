package io.coco4j.storage.sql;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The SQLite statements kept per connection: reused while the connection lives, forgotten with it. */
class SqlDatabaseTest {

    @TempDir
    Path dir;

    private static int one(SqlDatabase database) throws Exception {
        return database.withStatement("SELECT ? + 1", statement -> {
            statement.setInt(1, 41);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1) - 41;
            }
        });
    }

    @Test
    void statementsOfAConnectionThePoolReplacedAreForgotten() throws Exception {
        try (SqlDatabase database = SqlDatabase.sqlite(dir.resolve("db.sqlite"), "test-sqlite")) {
            for (int i = 0; i < 3; i++) {
                assertThat(one(database)).isEqualTo(1);
            }
            assertThat(database.connectionsWithStatements()).isEqualTo(1);

            HikariDataSource pool = (HikariDataSource) database.dataSource();
            pool.getHikariPoolMXBean().softEvictConnections();
            // the pool closes the evicted connection on a thread of its own
            for (int i = 0; i < 100 && pool.getHikariPoolMXBean().getTotalConnections() > 0; i++) {
                Thread.sleep(50);
            }
            assertThat(one(database)).as("a new connection compiles its own").isEqualTo(1);
            assertThat(database.connectionsWithStatements()).as("the closed connection's statements are gone").isEqualTo(1);
        }
    }
}
