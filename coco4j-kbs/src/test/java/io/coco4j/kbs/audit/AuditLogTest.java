package io.coco4j.kbs.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.ECKey;
import io.coco4j.as.ear.EarTokenBroker;
import io.coco4j.as.ear.EarTokenBrokerSettings;
import io.coco4j.as.ear.TokenSigner;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestPostgres;
import io.coco4j.storage.KeyValueStore;
import io.coco4j.storage.MemoryStorage;
import io.coco4j.storage.StorageBackend;
import io.coco4j.storage.sql.PostgresConnection;
import io.coco4j.storage.sql.SqlStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditLogTest {

    @TempDir
    Path dir;

    private static TokenSigner signer() throws Exception {
        return EarTokenBroker.create(EarTokenBrokerSettings.defaults()).signer();
    }

    private static ECPublicKey publicKey(TokenSigner signer) throws Exception {
        return ECKey.parse(Json.write(signer.publicJwk())).toECPublicKey();
    }

    private static AuditEvent release(int i) {
        return AuditEvent.release("snp", Optional.of("thumb-" + i), "resource/default/key/" + i, i % 2 == 0,
                new AuditEvent.PolicyReference("resource-policy", Optional.of("ab".repeat(48))));
    }

    /** A log of {@code count} records, one event each, checkpointed every {@code every} records. */
    private static void fill(StorageBackend storage, TokenSigner signer, int count, int every) throws Exception {
        try (AuditLog log = AuditLog.open(storage, signer, every, Duration.ofHours(1), Clock.systemUTC())) {
            for (int i = 1; i <= count; i++) {
                log.record(release(i));
            }
        }
    }

    @Test
    void recordsChainAndCheckpointsVerify() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        TokenSigner signer = signer();
        fill(storage, signer, 10, 4);
        AuditVerifier.Report report = AuditVerifier.verify(storage, List.of(publicKey(signer)));
        assertThat(report.problems()).isEmpty();
        assertThat(report.records()).isEqualTo(10);
        // checkpoints after records 4 and 8, and the last one when the log closed
        assertThat(storage.namespace(AuditChain.CHECKPOINTS).keys()).containsExactly(
                AuditChain.key(4), AuditChain.key(8), AuditChain.key(10));
        assertThat(report.lastCheckpoint()).isEqualTo(10);
        assertThat(report.unsignedTail()).isZero();

        JsonNode first = Json.readTree(storage.namespace(AuditChain.RECORDS).get(AuditChain.key(1)).orElseThrow());
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("prev").asText()).isEqualTo(AuditChain.GENESIS);
        JsonNode event = first.get("events").get(0);
        assertThat(event.get("kind").asText()).isEqualTo("resource");
        assertThat(event.get("tee").asText()).isEqualTo("snp");
        assertThat(event.get("tee_key").asText()).isEqualTo("thumb-1");
        assertThat(event.get("resource").asText()).isEqualTo("resource/default/key/1");
        assertThat(event.get("decision").asText()).isEqualTo("denied");
        assertThat(event.at("/policies/0/id").asText()).isEqualTo("resource-policy");
        assertThat(event.at("/policies/0/sha384").asText()).hasSize(96);
    }

    @Test
    void aReopenedLogContinuesTheChain() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        TokenSigner signer = signer();
        fill(storage, signer, 5, 100);
        fill(storage, signer, 6, 100);
        AuditVerifier.Report report = AuditVerifier.verify(storage, List.of(publicKey(signer)));
        assertThat(report.problems()).isEmpty();
        assertThat(report.records()).isEqualTo(11);
    }

    @Test
    void anEditedRecordIsDetected() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        TokenSigner signer = signer();
        fill(storage, signer, 6, 100);
        KeyValueStore records = storage.namespace(AuditChain.RECORDS);
        String edited = new String(records.get(AuditChain.key(3)).orElseThrow(), StandardCharsets.UTF_8)
                .replace("\"denied\"", "\"allowed\"").replace("\"allowed\",\"policies\"", "\"allowed\",\"policies\"");
        records.put(AuditChain.key(3), edited.getBytes(StandardCharsets.UTF_8));
        assertThat(AuditVerifier.verify(storage, List.of(publicKey(signer))).problems())
                .anySatisfy(p -> assertThat(p).contains("record 4 does not link to record 3"));
    }

    @Test
    void anEditedLastRecordIsDetectedByItsCheckpoint() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        TokenSigner signer = signer();
        fill(storage, signer, 6, 100);
        KeyValueStore records = storage.namespace(AuditChain.RECORDS);
        String edited = new String(records.get(AuditChain.key(6)).orElseThrow(), StandardCharsets.UTF_8)
                .replace("\"allowed\"", "\"denied\"");
        records.put(AuditChain.key(6), edited.getBytes(StandardCharsets.UTF_8));
        assertThat(AuditVerifier.verify(storage, List.of(publicKey(signer))).problems())
                .containsExactly("checkpoint at record 6: record 6 differs from the one signed (a record up to 6 was changed, removed or reordered)");
    }

    @Test
    void aRemovedRecordIsDetected() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        TokenSigner signer = signer();
        fill(storage, signer, 6, 100);
        storage.namespace(AuditChain.RECORDS).delete(AuditChain.key(2));
        assertThat(AuditVerifier.verify(storage, List.of(publicKey(signer))).problems())
                .anySatisfy(p -> assertThat(p).contains("record 2 is missing"));
    }

    @Test
    void reorderedRecordsAreDetected() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        TokenSigner signer = signer();
        fill(storage, signer, 6, 100);
        KeyValueStore records = storage.namespace(AuditChain.RECORDS);
        byte[] two = records.get(AuditChain.key(2)).orElseThrow();
        byte[] three = records.get(AuditChain.key(3)).orElseThrow();
        records.put(AuditChain.key(2), three);
        records.put(AuditChain.key(3), two);
        assertThat(AuditVerifier.verify(storage, List.of(publicKey(signer))).problems())
                .anySatisfy(p -> assertThat(p).contains("record 2 says it is record 3"))
                .anySatisfy(p -> assertThat(p).contains("does not link"));
    }

    @Test
    void aTruncatedLogIsDetected() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        TokenSigner signer = signer();
        fill(storage, signer, 8, 4);
        storage.namespace(AuditChain.RECORDS).delete(AuditChain.key(8));
        storage.namespace(AuditChain.RECORDS).delete(AuditChain.key(7));
        assertThat(AuditVerifier.verify(storage, List.of(publicKey(signer))).problems())
                .containsExactly("checkpoint at record 8: the log ends at record 6 (records were removed from its end)");
    }

    @Test
    void aRewrittenChainIsDetectedByTheSignedCheckpoint() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        TokenSigner signer = signer();
        fill(storage, signer, 6, 100);
        // the attacker edits record 2 and recomputes every later link: only the signature can tell
        KeyValueStore records = storage.namespace(AuditChain.RECORDS);
        String previous = AuditChain.hash(records.get(AuditChain.key(1)).orElseThrow());
        for (long n = 2; n <= 6; n++) {
            var record = (com.fasterxml.jackson.databind.node.ObjectNode) Json.readTree(records.get(AuditChain.key(n)).orElseThrow());
            record.put("prev", previous);
            if (n == 2) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) record.get("events").get(0)).put("decision", "denied");
            }
            byte[] bytes = Json.writeBytes(record);
            records.put(AuditChain.key(n), bytes);
            previous = AuditChain.hash(bytes);
        }
        assertThat(AuditVerifier.verify(storage, List.of(publicKey(signer))).problems())
                .containsExactly("checkpoint at record 6: record 6 differs from the one signed (a record up to 6 was changed, removed or reordered)");
    }

    @Test
    void aForgedCheckpointIsRefused() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        TokenSigner signer = signer();
        fill(storage, signer, 3, 100);
        assertThat(AuditVerifier.verify(storage, List.of(publicKey(signer()))).problems())
                .containsExactly("checkpoint at record 3: the signature does not verify with the trusted signing key");
        assertThat(AuditVerifier.verify(storage, List.of()).problems()).hasSize(1);
    }

    @Test
    void eventsNeverCarrySecrets() throws Exception {
        MemoryStorage storage = new MemoryStorage();
        fill(storage, signer(), 2, 100);
        for (String key : storage.namespace(AuditChain.RECORDS).keys()) {
            String text = new String(storage.namespace(AuditChain.RECORDS).get(key).orElseThrow(), StandardCharsets.UTF_8);
            assertThat(Json.readTree(text).get("events").get(0).fieldNames()).toIterable()
                    .containsExactlyInAnyOrder("kind", "tee", "tee_key", "resource", "decision", "policies");
        }
    }

    @Test
    void aClosedLogRefusesEvents() throws Exception {
        AuditLog log = AuditLog.open(new MemoryStorage(), signer(), 10, Duration.ofHours(1), Clock.systemUTC());
        log.close();
        assertThatThrownBy(() -> log.record(release(1))).isInstanceOf(AuditException.class);
    }

    @Test
    void writersOnOneSqliteFileNeverForkTheChain() throws Exception {
        TokenSigner signer = signer();
        concurrentWriters(() -> SqlStorage.sqlite(dir.resolve("audit.sqlite")), signer);
    }

    @Test
    void replicasOnOnePostgresDatabaseNeverForkTheChain() throws Exception {
        TestPostgres.Database database = TestPostgres.freshSchema();
        try {
            TokenSigner signer = signer();
            concurrentWriters(() -> SqlStorage.postgres(new PostgresConnection(database.jdbcUrl(), database.user(),
                    Optional.of(database.password()), 4)), signer);
        } finally {
            TestPostgres.drop(database);
        }
    }

    interface Opener {
        StorageBackend open() throws Exception;
    }

    /** Three logs (three replicas' writers) appending at once to one shared store. */
    private static void concurrentWriters(Opener opener, TokenSigner signer) throws Exception {
        List<StorageBackend> stores = new ArrayList<>();
        List<AuditLog> logs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            for (int i = 0; i < 3; i++) {
                StorageBackend storage = opener.open();
                stores.add(storage);
                logs.add(AuditLog.open(storage, signer, 7, Duration.ofHours(1), Clock.systemUTC()));
            }
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                AuditLog log = logs.get(t % 3);
                int base = t * 100;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        log.record(release(base + i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            logs.forEach(AuditLog::close);
            AuditVerifier.Report report = AuditVerifier.verify(stores.get(0), List.of(publicKey(signer)));
            assertThat(report.problems()).isEmpty();
            int events = 0;
            KeyValueStore records = stores.get(0).namespace(AuditChain.RECORDS);
            for (long n = 1; n <= report.records(); n++) {
                events += Json.readTree(records.get(AuditChain.key(n)).orElseThrow()).get("events").size();
            }
            assertThat(events).as("every acknowledged event is in the one chain").isEqualTo(120);
        } finally {
            pool.shutdownNow();
            logs.forEach(AuditLog::close);
            stores.forEach(StorageBackend::close);
        }
    }
}
