package io.coco4j.kbs.server;

import io.coco4j.kbs.config.KbsConfig;
import io.coco4j.kbs.config.Pkcs11KeyConfig;
import io.coco4j.kbs.config.StorageBackendConfig;
import io.coco4j.kbs.config.StorageType;
import io.coco4j.protocol.pkcs11.Pkcs11Settings;
import io.coco4j.protocol.testing.TestSoftHsm;
import io.coco4j.storage.Namespace;
import io.coco4j.storage.sql.SqlStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up fails before anything listens when a dependency is wrong; a stop lets requests in flight finish. */
class LifecycleTest {

    @TempDir
    Path dir;

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private KbsServer.Options options(KbsConfig config, int port) throws Exception {
        DataDirectory data = new DataDirectory(dir);
        KbsConfig base = EmbeddedDefaults.create(data, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new KbsServer.Options(config == null ? base : config, ServerMode.DEVELOPMENT, data, List.of())
                .withEnvironment(Map.of());
    }

    private KbsConfig embedded(int port) throws Exception {
        return EmbeddedDefaults.create(new DataDirectory(dir), new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static void assertNothingListens(int port) throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void anUnreachableDatabaseStopsStartUpBeforeAnythingListens() throws Exception {
        int port = freePort();
        int deadDatabase = freePort();
        StorageBackendConfig postgres = new StorageBackendConfig(StorageType.POSTGRES, new StorageBackendConfig.Backends(
                Optional.empty(), Optional.empty(), Optional.of(new StorageBackendConfig.Postgres("127.0.0.1", deadDatabase, "kbs", "kbs",
                Optional.of("db-password-9931"))), Optional.empty()));
        KbsConfig config = embedded(port).withStorageBackend(postgres);
        assertThatThrownBy(() -> KbsServer.start(options(config, port)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("cannot open the Postgres storage")
                .hasMessageContaining("127.0.0.1:" + deadDatabase)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("db-password-9931"));
        assertNothingListens(port);
    }

    @Test
    void aPostgresUrlFromTheEnvironmentWins() throws Exception {
        int port = freePort();
        int deadDatabase = freePort();
        KbsConfig config = embedded(port).withStorageBackend(new StorageBackendConfig(StorageType.POSTGRES,
                StorageBackendConfig.Backends.none()));
        assertThatThrownBy(() -> KbsServer.start(options(config, port).withEnvironment(
                Map.of("POSTGRES_URL", "postgres://kbs:env-secret@127.0.0.1:" + deadDatabase + "/kbs"))))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("127.0.0.1:" + deadDatabase + "/kbs as kbs")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("env-secret"));
        assertNothingListens(port);
    }

    @Test
    void anUnreachableRedisStopsStartUp() throws Exception {
        int port = freePort();
        int deadRedis = freePort();
        KbsConfig base = embedded(port);
        StorageBackendConfig storage = base.storageBackend();
        KbsConfig config = base.withSessionStorageType(Optional.of(StorageType.REDIS)).withStorageBackend(new StorageBackendConfig(
                storage.storageType(), new StorageBackendConfig.Backends(storage.backends().localFs(), Optional.empty(), Optional.empty(),
                Optional.of(new StorageBackendConfig.Redis("redis://127.0.0.1:" + deadRedis)), storage.backends().sqlite())));
        assertThatThrownBy(() -> KbsServer.start(options(config, port)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("cannot open the Redis session store: cannot reach Redis redis://127.0.0.1:" + deadRedis);
        assertNothingListens(port);
        // the storage opened before the failure was closed again: the next start gets the database
        try (KbsServer server = KbsServer.start(options(null, port))) {
            assertThat(server.port()).isEqualTo(port);
        }
    }

    @Test
    void aWrongHsmPinStopsStartUp() throws Exception {
        TestSoftHsm.Token token = TestSoftHsm.token();
        int port = freePort();
        KbsConfig base = embedded(port);
        Pkcs11Settings wrongPin = new Pkcs11Settings(Path.of(token.library()), Optional.of(token.slot()), Optional.empty(),
                Optional.of("not-the-pin"), Optional.empty());
        KbsConfig config = base.withStorageBackend(base.storageBackend().withEncryption(new StorageBackendConfig.Encryption(
                new Pkcs11KeyConfig(wrongPin, "lifecycle-" + System.nanoTime()), List.of(Namespace.REPOSITORY))));
        assertThatThrownBy(() -> KbsServer.start(options(config, port)))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("storage_backend.encryption: cannot log in to the PKCS#11 token")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-pin"));
        assertNothingListens(port);
    }

    @Test
    void aStopLetsARequestInFlightFinish() throws Exception {
        KbsServer server = KbsServer.start(options(null, 0));
        int port = server.port();
        TestKbs client = TestKbs.remote("http://127.0.0.1:" + server.port(), new DataDirectory(dir));
        byte[] body = "arrives late".getBytes(StandardCharsets.US_ASCII);
        CompletableFuture<Void> stopped;
        String answer;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /kbs/v0/resource/default/drain/1 HTTP/1.1\r\nHost: kbs\r\nAuthorization: Bearer " + client.adminToken()
                    + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the KBS is now reading the body of a request in flight
            stopped = CompletableFuture.runAsync(() -> {
                try {
                    server.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertThat(stopped).as("the stop waits for the request in flight").isNotDone();
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        stopped.get(60, TimeUnit.SECONDS);
        assertThat(answer).startsWith("HTTP/1.1 200");
        try (SqlStorage storage = SqlStorage.sqlite(new DataDirectory(dir).storageDatabase())) {
            assertThat(storage.namespace(Namespace.REPOSITORY).get("default/drain/1").orElseThrow()).isEqualTo(body);
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .as("nothing listens after the stop").isInstanceOf(java.net.ConnectException.class);
    }
}
