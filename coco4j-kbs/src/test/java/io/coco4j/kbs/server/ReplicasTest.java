package io.coco4j.kbs.server;

import io.coco4j.kbs.audit.AuditVerifier;
import io.coco4j.kbs.config.KbsConfigLoader;
import io.coco4j.kbs.config.LoadedKbsConfig;
import io.coco4j.protocol.jose.JweResponse;
import io.coco4j.protocol.jose.ResourceDecryptor;
import io.coco4j.protocol.jose.TeeKeyAlgorithm;
import io.coco4j.protocol.jose.TeeKeyPair;
import io.coco4j.protocol.json.Json;
import io.coco4j.protocol.testing.TestPostgres;
import io.coco4j.protocol.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two KBS replicas on two loopback ports sharing PostgreSQL (storage, reference values, audit log)
 * and Redis (sessions): replica A in a process of its own, so it can be killed, replica B in this
 * one. A handshake may hop between them, and killing A loses no write it acknowledged.
 */
class ReplicasTest {

    @TempDir
    Path dir;

    private TestPostgres.Database database;
    private ServiceProcess processA;
    private KbsServer serverB;
    private TestKbs a;
    private TestKbs b;
    private DataDirectory shared;

    private String config() throws Exception {
        shared = new DataDirectory(dir.resolve("shared"));
        Path adminPublic = EmbeddedDefaults.ensureAdminKeys(shared);
        shared.ensureTokenSigner();
        String redis = TestRedis.url();
        database = TestPostgres.freshSchema();
        // top-level keys first: TOML puts every key after a table header into that table
        return """
                session_storage_type = "Redis"

                [attestation_service.attestation_token_broker.signer]
                key_path = "%s"
                cert_path = "%s"

                [storage_backend.backends.redis]
                url = "%s"

                [audit]
                checkpoint_records = 5

                """.formatted(shared.tokenSignerKey(), shared.tokenSignerCertificate(), redis)
                + ConfigFragments.loopbackWithAdmin(adminPublic) + ConfigFragments.postgres(database);
    }

    @BeforeEach
    void startReplicas() throws Exception {
        Path configFile = dir.resolve("kbs-config.toml");
        Files.writeString(configFile, config());

        processA = ServiceProcess.start("kbs", configFile, dir.resolve("a"), dir.resolve("a.log"));
        a = TestKbs.remote(processA.url(), shared);

        LoadedKbsConfig loaded = KbsConfigLoader.load(configFile);
        serverB = KbsServer.start(new KbsServer.Options(loaded.config(), ServerMode.DEVELOPMENT, new DataDirectory(dir.resolve("b")),
                loaded.notices()));
        b = TestKbs.remote("http://127.0.0.1:" + serverB.port(), shared);
    }

    @AfterEach
    void stopReplicas() throws Exception {
        if (processA != null) {
            processA.close();
        }
        if (serverB != null) {
            serverB.close();
        }
        if (database != null) {
            TestPostgres.drop(database);
        }
    }

    private static byte[] decrypt(HttpResponse<byte[]> response, TeeKeyPair key) throws Exception {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return ResourceDecryptor.decrypt(Json.read(response.body(), JweResponse.class), key);
    }

    /** An attested guest: auth on {@code authOn}, attest on {@code attestOn}; returns the second's view of it. */
    private static TestKbs.Guest attested(TestKbs authOn, TestKbs attestOn, TeeKeyPair key) throws Exception {
        TestKbs.Guest first = authOn.guest(key);
        assertThat(first.auth("sample").statusCode()).isEqualTo(200);
        TestKbs.Guest second = attestOn.guest(key);
        second.cookie = first.cookie;
        second.nonce = first.nonce;
        HttpResponse<byte[]> attest = second.attest(second.attestation(first.nonce, first.nonce));
        assertThat(attest.statusCode()).as(new String(attest.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return second;
    }

    private static TestKbs.Guest sameSessionOn(TestKbs kbs, TestKbs.Guest guest) {
        TestKbs.Guest view = kbs.guest(guest.key);
        view.cookie = guest.cookie;
        view.nonce = guest.nonce;
        return view;
    }

    @Test
    void aHandshakeHopsBetweenReplicasAndWritesOnOneAreReadOnTheOther() throws Exception {
        a.setResource("default/key/1", "written through A".getBytes(StandardCharsets.UTF_8));

        TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
        TestKbs.Guest onB = attested(a, b, key);
        assertThat(decrypt(onB.getResource("default/key/1"), key)).asString().isEqualTo("written through A");
        TestKbs.Guest onA = sameSessionOn(a, onB);
        assertThat(decrypt(onA.getResource("default/key/1"), key)).asString().isEqualTo("written through A");

        // an attest repeated on the other replica answers with the same stored token
        HttpResponse<byte[]> again = onA.attest(onA.attestation(onB.nonce, onB.nonce));
        HttpResponse<byte[]> first = onB.attest(onB.attestation(onB.nonce, onB.nonce));
        assertThat(Json.readTree(again.body()).get("token")).isEqualTo(Json.readTree(first.body()).get("token"));

        // the policy and reference values are shared too
        b.setResource("default/key/2", "written through B".getBytes(StandardCharsets.UTF_8));
        assertThat(decrypt(onA.getResource("default/key/2"), key)).asString().isEqualTo("written through B");
    }

    @Test
    void killingAReplicaLosesNoAcknowledgedWriteAndTheOtherKeepsServing() throws Exception {
        ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int i = 0; !stop.get() && i < 10_000; i++) {
                try {
                    HttpResponse<byte[]> response = a.send("POST", "/kbs/v0/resource/default/kill/" + i,
                            ("value-" + i).getBytes(StandardCharsets.UTF_8), "Authorization", "Bearer " + a.adminToken());
                    if (response.statusCode() == 200) {
                        acknowledged.add(i);
                    }
                } catch (Exception e) {
                    // A is gone: keep trying until told to stop, as a client behind a load balancer would
                }
            }
        }, "writer-to-A");
        writer.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (acknowledged.size() < 15 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        processA.kill(); // SIGKILL, mid-run: no graceful anything
        Thread.sleep(200);
        stop.set(true);
        writer.join(30_000);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(15);

        // B serves a whole handshake alone, and every write A acknowledged is there
        TeeKeyPair key = TeeKeyPair.generate(TeeKeyAlgorithm.EC_P256);
        TestKbs.Guest guest = attested(b, b, key);
        for (int i : List.copyOf(acknowledged)) {
            assertThat(decrypt(guest.getResource("default/kill/" + i), key)).asString().isEqualTo("value-" + i);
        }
        b.setResource("default/key/after", new byte[] {1});
        assertThat(decrypt(guest.getResource("default/key/after"), key)).containsExactly(1);

        // and the audit chain both replicas appended to is whole
        serverB.close();
        serverB = null;
        try (var storage = io.coco4j.storage.sql.SqlStorage.postgres(new io.coco4j.storage.sql.PostgresConnection(
                database.jdbcUrl(), database.user(), java.util.Optional.of(database.password()), 2))) {
            AuditVerifier.Report report = AuditVerifier.verify(storage, List.of(
                    TokenSigners.publicKey(TokenSigners.settings(io.coco4j.kbs.config.TokenBrokerConfig.defaults(), shared, false))));
            assertThat(report.problems()).isEmpty();
            assertThat(report.records()).isPositive();
        }
    }
}
